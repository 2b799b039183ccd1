import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electronBinary, electronSqliteBinary } from '../../../scripts/electron-binary.mjs';
import { chooseRuntime } from '../../../scripts/runtime-choice.mjs';
import { electronStep, prebuildReason, sqliteForElectronStep } from '../../../scripts/runtime-steps.mjs';
import { tempDir } from '../../helpers/harness';

// Only the download boundary is faked: node_modules/electron/install.js and better-sqlite3's
// prebuild-install are replaced by scripts that behave as the real ones do when the network answers,
// fails or breaks off. Everything else (the checks of what got installed, the time limit, loading the
// addon in "Electron") is the real code. The fake Electron executable is a link to Node, so the
// Electron-ABI addon check runs for real against Node's own build of better-sqlite3.

const NODE_SQLITE = fileURLToPath(new URL('../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node', import.meta.url));

/** Mirrors install.js's extractFile(): the zip is extracted into dist/ (dist/version and the executable), then path.txt is written last. */
const INSTALL_REACHABLE = `
const fs = require('fs');
const path = require('path');
const dist = path.join(__dirname, 'dist');
fs.mkdirSync(dist, { recursive: true });
fs.writeFileSync(path.join(dist, 'version'), 'v45.4.1');
fs.symlinkSync(process.execPath, path.join(dist, 'electron'));
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`;

/** Mirrors install.js's .catch(): `console.error(err.stack); process.exit(1)` with what @electron/get's fetch throws offline. */
const INSTALL_UNREACHABLE = `
const error = new TypeError('fetch failed');
console.error(error.stack);
process.exit(1);
`;

/** Extraction breaks off (disk full): part of dist/ is there, path.txt never written, exit code 1 with the stack. */
const INSTALL_BREAKS_OFF = `
const fs = require('fs');
const path = require('path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v45.4.1');
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), 'half an executable');
const error = new Error('ENOSPC: no space left on device, write');
console.error(error.stack);
process.exit(1);
`;

/** Exits 0 but the executable is not in dist/ (e.g. removed by a virus scanner after extraction). */
const INSTALL_NO_EXECUTABLE = `
const fs = require('fs');
const path = require('path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v45.4.1');
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`;

/** A connection that never answers. */
const INSTALL_HANGS = `setInterval(() => {}, 1000);`;

/** Proves the download was not attempted. */
const INSTALL_MUST_NOT_RUN = `
require('fs').writeFileSync(require('path').join(__dirname, 'install-ran'), '');
process.exit(1);
`;

/** Mirrors prebuild-install's bin.js: extracts the release tarball's build/Release/better_sqlite3.node into its cwd. */
const PREBUILD_REACHABLE = `
const fs = require('fs');
fs.mkdirSync('build/Release', { recursive: true });
fs.copyFileSync(${JSON.stringify(NODE_SQLITE)}, 'build/Release/better_sqlite3.node');
`;

/** Mirrors prebuild-install offline: `log.warn('install', err.message)` through npmlog, then process.exit(1). */
const PREBUILD_UNREACHABLE = `
console.error('prebuild-install warn install getaddrinfo ENOTFOUND github.com');
process.exit(1);
`;

/** A download that is not a loadable addon (truncated or for another runtime). */
const PREBUILD_BROKEN = `
const fs = require('fs');
fs.mkdirSync('build/Release', { recursive: true });
fs.writeFileSync('build/Release/better_sqlite3.node', 'not an addon');
`;

function fakeProject(installScript: string): string {
  const root = tempDir('rw-start-');
  const electron = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(electron, { recursive: true });
  fs.writeFileSync(path.join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  fs.writeFileSync(path.join(electron, 'abi_version'), '150');
  fs.writeFileSync(path.join(electron, 'install.js'), installScript);
  const sqlite = path.join(root, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(sqlite, { recursive: true });
  fs.writeFileSync(path.join(sqlite, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  return root;
}

function script(root: string, name: string, text: string): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, text);
  return file;
}

function start(root: string, options: { prebuild?: string; timeoutMs?: number; heartbeatMs?: number } = {}) {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const prebuildInstall = script(root, 'fake-prebuild-install.js', options.prebuild ?? PREBUILD_REACHABLE);
  const timing = { timeoutMs: options.timeoutMs ?? 20_000, heartbeatMs: options.heartbeatMs ?? 0 };
  const choice = chooseRuntime({
    ensureElectron: electronStep(root, { log, ...timing }),
    ensureSqliteForElectron: sqliteForElectronStep(root, { log, prebuildInstall, ...timing }),
    log,
  });
  return { lines, choice };
}

const installRan = (root: string) => fs.existsSync(path.join(root, 'node_modules', 'electron', 'install-ran'));
const sqliteTarget = (root: string) => electronSqliteBinary(root, '150');

describe('npm start: the Electron app, or the web host saying why', () => {
  it('runtime already installed: Electron is chosen without a download', async () => {
    const root = fakeProject(INSTALL_MUST_NOT_RUN);
    const dist = path.join(root, 'node_modules', 'electron', 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'version'), 'v45.4.1');
    fs.symlinkSync(process.execPath, path.join(dist, 'electron'));
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');

    const { lines, choice } = start(root);
    expect(await choice).toEqual({ runtime: 'electron', electron: path.join(dist, 'electron') });
    expect(installRan(root)).toBe(false);
    expect(lines.some((line) => line.startsWith('Fetching the Electron runtime'))).toBe(false);
  });

  it('download reachable: install.js runs behind a progress line, then better-sqlite3 for Electron, then Electron is chosen', async () => {
    const root = fakeProject(INSTALL_REACHABLE);
    const { lines, choice } = start(root);
    const electron = path.join(root, 'node_modules', 'electron', 'dist', 'electron');
    expect(await choice).toEqual({ runtime: 'electron', electron });
    expect(lines).toEqual([
      'Fetching the Electron runtime 45.4.1 (first start only)…',
      'Electron runtime 45.4.1 installed in node_modules/electron/dist.',
      'Fetching better-sqlite3 12.11.1 for Electron 45.4.1 (ABI 150, first start only)…',
      `better-sqlite3 for Electron is ready (${path.join('node_modules', '.riskwarden', 'electron-150', 'better_sqlite3.node')}).`,
    ]);
    expect(electronBinary(root)).toBe(electron);
    expect(fs.readFileSync(sqliteTarget(root)).equals(fs.readFileSync(NODE_SQLITE))).toBe(true);
  });

  it('download unreachable: falls back to the web host with the error’s first line', async () => {
    const root = fakeProject(INSTALL_UNREACHABLE);
    const { lines, choice } = start(root);
    const reason =
      "the Electron runtime could not be installed: TypeError: fetch failed (Electron's download host, GitHub or ELECTRON_MIRROR, could not be reached)";
    expect(await choice).toEqual({ runtime: 'web', reason });
    expect(lines).toEqual([
      'Fetching the Electron runtime 45.4.1 (first start only)…',
      `Not starting the desktop app: ${reason}.`,
      'Serving the same dashboard in your browser instead (the web host); open the Dashboard address printed below.',
    ]);
    expect(fs.existsSync(sqliteTarget(root))).toBe(false);
  });

  it('partial download, extraction breaks off (exit code 1): falls back and never runs the half-installed runtime', async () => {
    const root = fakeProject(INSTALL_BREAKS_OFF);
    const { choice } = start(root);
    expect(await choice).toEqual({
      runtime: 'web',
      reason: 'the Electron runtime could not be installed: Error: ENOSPC: no space left on device, write',
    });
    expect(electronBinary(root)).toBeNull();
  });

  it('partial download, install.js exits 0 leaving dist without the executable: falls back', async () => {
    const root = fakeProject(INSTALL_NO_EXECUTABLE);
    const { choice } = start(root);
    const result = await choice;
    expect(result.runtime).toBe('web');
    expect(result.runtime === 'web' && result.reason).toMatch(/node_modules\/electron\/dist holds no complete runtime/);
    expect(electronBinary(root)).toBeNull();
  });

  it('download hangs: still-fetching lines, then stopped at the time limit and falls back saying so', async () => {
    const root = fakeProject(INSTALL_HANGS);
    const started = Date.now();
    const { lines, choice } = start(root, { timeoutMs: 1_200, heartbeatMs: 500 });
    expect(await choice).toEqual({
      runtime: 'web',
      reason: 'the Electron runtime could not be installed: the download did not finish within 1 s and was stopped',
    });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(lines.filter((line) => /^ {2}…still fetching \(\d+ s\)$/.test(line)).length).toBeGreaterThanOrEqual(2);
  });

  it('better-sqlite3 for Electron unreachable: falls back with prebuild-install’s reason, the Node build untouched', async () => {
    const root = fakeProject(INSTALL_REACHABLE);
    const { lines, choice } = start(root, { prebuild: PREBUILD_UNREACHABLE });
    expect(await choice).toEqual({
      runtime: 'web',
      reason:
        'better-sqlite3 (the database driver) could not be made ready for Electron: prebuild-install: getaddrinfo ENOTFOUND github.com',
    });
    expect(lines.at(-1)).toMatch(/same dashboard in your browser/);
    expect(fs.existsSync(sqliteTarget(root))).toBe(false);
    expect(fs.readdirSync(path.join(root, 'node_modules', '.riskwarden'))).toEqual([]);
  });

  it('better-sqlite3 fetched but not loadable in Electron: falls back, nothing put in place', async () => {
    const root = fakeProject(INSTALL_REACHABLE);
    const { choice } = start(root, { prebuild: PREBUILD_BROKEN });
    const result = await choice;
    expect(result.runtime === 'web' && result.reason).toMatch(
      /could not be made ready for Electron: the fetched build does not load in Electron: Error: .*/,
    );
    expect(fs.existsSync(sqliteTarget(root))).toBe(false);
  });

  it('better-sqlite3 for Electron already fetched for this version: not fetched again; a new better-sqlite3 version fetches again', async () => {
    const root = fakeProject(INSTALL_REACHABLE);
    expect((await start(root).choice).runtime).toBe('electron');
    const again = start(root, { prebuild: PREBUILD_UNREACHABLE });
    expect((await again.choice).runtime).toBe('electron');
    expect(again.lines).toEqual([]);

    fs.writeFileSync(
      path.join(root, 'node_modules', 'better-sqlite3', 'package.json'),
      JSON.stringify({ name: 'better-sqlite3', version: '12.12.0' }),
    );
    const upgraded = start(root, { prebuild: PREBUILD_UNREACHABLE });
    expect(await upgraded.choice).toMatchObject({ runtime: 'web' });
  });
});

describe('the decision with both steps injected', () => {
  it('never prepares the database driver when Electron is not there, and reports the first line of a multi-line error', async () => {
    const lines: string[] = [];
    let sqliteAsked = false;
    const choice = await chooseRuntime({
      ensureElectron: () => Promise.reject(new Error('HTTPError: Response code 404 (Not Found)\n    at FetchDownloader.download')),
      ensureSqliteForElectron: async () => {
        sqliteAsked = true;
      },
      log: (line) => lines.push(line),
    });
    expect(choice).toEqual({
      runtime: 'web',
      reason: 'the Electron runtime could not be installed: HTTPError: Response code 404 (Not Found)',
    });
    expect(sqliteAsked).toBe(false);
    expect(lines).toHaveLength(2);
  });

  it('chooses Electron when both steps succeed, saying nothing itself', async () => {
    const lines: string[] = [];
    const choice = await chooseRuntime({
      ensureElectron: async () => '/x/electron',
      ensureSqliteForElectron: async () => '/x/sqlite.node',
      log: (line) => lines.push(line),
    });
    expect(choice).toEqual({ runtime: 'electron', electron: '/x/electron' });
    expect(lines).toEqual([]);
  });
});

describe('electronBinary and prebuild-install output', () => {
  it('electronBinary refuses a dist left from another Electron version, as install.js isInstalled() does', () => {
    const root = fakeProject(INSTALL_MUST_NOT_RUN);
    const dist = path.join(root, 'node_modules', 'electron', 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'version'), 'v44.0.0');
    fs.writeFileSync(path.join(dist, 'electron'), '');
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(root)).toBeNull();
    fs.writeFileSync(path.join(dist, 'version'), 'v45.4.1');
    expect(electronBinary(root)).toBe(path.join(dist, 'electron'));
  });

  it('prebuildReason reads the last warning prebuild-install logged', () => {
    const output = [
      'prebuild-install info begin Prebuild-install version 7.1.3',
      'prebuild-install warn install No prebuilt binaries found (target=45.4.1 runtime=electron arch=x64 libc= platform=linux)',
    ].join('\n');
    expect(prebuildReason(output)).toBe('No prebuilt binaries found (target=45.4.1 runtime=electron arch=x64 libc= platform=linux)');
    expect(prebuildReason('something else\n')).toBe('something else');
    expect(prebuildReason('')).toBeNull();
  });
});
