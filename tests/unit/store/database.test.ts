import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, StoreError } from '../../../src/main/store/database';
import { MIGRATIONS } from '../../../src/main/store/migrations';
import { tempDir } from '../../helpers/harness';

describe('store', () => {
  it('opens in WAL mode at the latest schema version', () => {
    const db = openDatabase(path.join(tempDir(), 'rw.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'admin_overrides',
      'audit_log',
      'enforcement_actions',
      'fills',
      'lockouts',
      'meta',
      'rule_state',
      'violations',
    ]);
  });

  it('refuses a database from a newer Risk Warden and leaves the file alone', () => {
    const file = path.join(tempDir(), 'rw.db');
    const future = new Database(file);
    future.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    future.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(StoreError);
    expect(() => openDatabase(file)).toThrow(/newer than this Risk Warden understands/);
    expect(fs.readFileSync(file)).toEqual(before);
  });
});
