import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteBinary } from '../../../scripts/electron-binary.mjs';
import { sqliteNativeBinding, StoreError, type BindingContext } from '../../../src/main/store/database';

const root = path.join(path.sep, 'home', 'trader', 'riskwarden');
const nodeModules = path.join(root, 'node_modules');
const electronFile = path.join(nodeModules, '.riskwarden', 'electron-150', 'better_sqlite3.node');

function context(overrides: Partial<BindingContext>): BindingContext {
  return {
    electron: '45.4.1',
    abi: '150',
    execPath: path.join(nodeModules, 'electron', 'dist', 'electron'),
    platform: 'linux',
    nodeModules: () => nodeModules,
    exists: (file) => file === electronFile,
    ...overrides,
  };
}

describe('which better-sqlite3 addon the store loads', () => {
  it('under Node (npm test, the web host): the default build', () => {
    expect(sqliteNativeBinding(context({ electron: undefined, abi: '115', execPath: '/usr/bin/node' }))).toBeUndefined();
  });

  it('in Electron during development: the build for its ABI under node_modules/.riskwarden', () => {
    expect(sqliteNativeBinding(context({}))).toBe(electronFile);
    expect(sqliteNativeBinding(context({ platform: 'win32', execPath: 'C:\\rw\\node_modules\\electron\\dist\\electron.exe' }))).toBe(
      electronFile,
    );
    expect(
      sqliteNativeBinding(context({ platform: 'darwin', execPath: '/rw/node_modules/electron/dist/Electron.app/Contents/MacOS/Electron' })),
    ).toBe(electronFile);
  });

  it('in Electron during development with that build missing: an error naming the file and `npm start`', () => {
    const missing = context({ exists: () => false });
    expect(() => sqliteNativeBinding(missing)).toThrow(StoreError);
    expect(() => sqliteNativeBinding(missing)).toThrow(electronFile);
    expect(() => sqliteNativeBinding(missing)).toThrow(/`npm start` fetches it/);
  });

  it('in a packaged app: the default build, which electron-builder rebuilt for Electron', () => {
    const lookedUp: string[] = [];
    const packaged = (execPath: string, platform: NodeJS.Platform) =>
      sqliteNativeBinding(
        context({
          execPath,
          platform,
          exists: (file) => {
            lookedUp.push(file);
            return false;
          },
        }),
      );
    expect(packaged('/opt/Risk Warden/riskwarden', 'linux')).toBeUndefined();
    expect(packaged('C:\\Program Files\\Risk Warden\\Risk Warden.exe', 'win32')).toBeUndefined();
    expect(packaged('/Applications/Risk Warden.app/Contents/MacOS/Risk Warden', 'darwin')).toBeUndefined();
    expect(lookedUp).toEqual([]);
  });

  it('looks where `npm start` puts it (scripts/electron-binary.mjs)', () => {
    expect(sqliteNativeBinding(context({}))).toBe(electronSqliteBinary(root, '150'));
  });
});
