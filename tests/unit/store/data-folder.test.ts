/** The data folder's permissions on the real file system (POSIX modes; Windows relies on the profile's ACL). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataFolder, privateFile } from '../../../src/main/store/data-folder';
import { openDatabase } from '../../../src/main/store/database';
import { tempDir } from '../../helpers/harness';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const posix = process.platform !== 'win32';

describe.runIf(posix)('the data folder is private to the trader', () => {
  it('is created 0700, and the database with its WAL and shared memory 0600', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const folder = openDataFolder(dir);
    expect(modeOf(dir)).toBe(0o700);
    const db = openDatabase(path.join(dir, 'riskwarden.db'));
    db.prepare(`INSERT INTO meta (key, value) VALUES ('k', 'v')`).run();
    for (const file of ['riskwarden.db', 'riskwarden.db-wal', 'riskwarden.db-shm']) expect(modeOf(path.join(dir, file))).toBe(0o600);
    db.close();
    folder.release();
  });

  it('tightens a folder and files an older version left readable (0755, 0644), and says which', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    for (const file of ['riskwarden.db', 'riskwarden.db-wal', 'riskwarden.log'])
      fs.writeFileSync(path.join(dir, file), '', { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'riskwarden.log'), 0o640);
    const folder = openDataFolder(dir);
    expect(modeOf(dir)).toBe(0o700);
    for (const file of ['riskwarden.db', 'riskwarden.db-wal', 'riskwarden.log']) expect(modeOf(path.join(dir, file))).toBe(0o600);
    expect([...folder.tightened].sort()).toEqual([
      `${dir} (folder)`,
      'riskwarden.db (was 0644)',
      'riskwarden.db-wal (was 0644)',
      'riskwarden.log (was 0640)',
    ]);
    folder.release();
  });

  it('tightens an existing database when it is opened', () => {
    const file = path.join(tempDir(), 'riskwarden.db');
    openDatabase(file).close();
    fs.chmodSync(file, 0o644);
    openDatabase(file).close();
    expect(modeOf(file)).toBe(0o600);
  });

  it('leaves a symlink and its target alone: the target is not ours to change', () => {
    const dir = tempDir();
    const outside = path.join(tempDir(), 'shared.txt');
    fs.writeFileSync(outside, 'x', { mode: 0o644 });
    fs.chmodSync(outside, 0o644);
    fs.symlinkSync(outside, path.join(dir, 'link.txt'));
    openDataFolder(dir).release();
    expect(modeOf(outside)).toBe(0o644);
  });

  it('creates the log file 0600 before the logger writes it, and tightens one that is not', () => {
    const dir = tempDir();
    privateFile(path.join(dir, 'riskwarden.log'));
    expect(modeOf(path.join(dir, 'riskwarden.log'))).toBe(0o600);
    fs.chmodSync(path.join(dir, 'riskwarden.log'), 0o644);
    privateFile(path.join(dir, 'riskwarden.log'));
    expect(modeOf(path.join(dir, 'riskwarden.log'))).toBe(0o600);
  });
});
