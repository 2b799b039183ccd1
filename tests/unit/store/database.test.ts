import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, StoreError } from '../../../src/main/store/database';
import { ModeMismatchError } from '../../../src/main/store/data-mode';
import { MIGRATIONS } from '../../../src/main/store/migrations';
import { recordKeySource } from '../../../src/main/store/record-key';
import { openRecords } from '../../../src/main/store/records';
import { RiskStore } from '../../../src/main/store/risk-store';
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
      'record_chain',
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

  it('records the mode it is created in and refuses to open in the other one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'riskwarden.db');
    openDatabase(file, { mode: 'live' }).close();
    expect(() => openDatabase(file, { mode: 'demo' })).toThrow(ModeMismatchError);
    expect(() => openDatabase(file, { mode: 'demo' })).toThrow(
      `this data folder holds live data; it cannot be opened in demo mode (${dir}). Start in live mode, or give demo mode a folder of its own with --data-dir`,
    );
    const db = openDatabase(file, { mode: 'live' });
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'mode'`).pluck().get()).toBe('live');
    db.close();
  });

  it('reads the mode of a database from before it was recorded from its last start in the audit log', () => {
    const file = path.join(tempDir(), 'riskwarden.db');
    const old = openDatabase(file);
    old
      .prepare(
        `INSERT INTO audit_log (ts, actor, action, detail) VALUES ('2026-11-23T14:00:00Z', 'service', 'start', 'live mode, enforcement on')`,
      )
      .run();
    old.close();
    expect(() => openDatabase(file, { mode: 'demo' })).toThrow(/holds live data; it cannot be opened in demo mode/);
    openDatabase(file, { mode: 'live' }).close();
    const db = openDatabase(file);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'mode'`).pluck().get()).toBe('live');
    db.close();
  });

  it('keeps every enforcement action through migration 6, which lets an action be marked interrupted', () => {
    const file = path.join(tempDir(), 'rw.db');
    const old = new Database(file);
    for (const [version, sql] of MIGRATIONS.slice(0, 5).entries()) {
      old.exec(sql);
      old.pragma(`user_version = ${version + 1}`);
    }
    const insert = old.prepare(
      `INSERT INTO enforcement_actions (ts, account_id, rule_id, action, target, status, detail) VALUES ('2026-11-24T15:00:00Z', 7001, 'RULE-002', 'closePosition', 'MNQ position', ?, 'label')`,
    );
    insert.run('done');
    insert.run('sent');
    old.close();
    const db = openDatabase(file);
    const store = new RiskStore(
      db,
      openRecords({
        db,
        folder: path.dirname(file),
        keySource: recordKeySource(path.dirname(file)),
        now: Date.now(),
        onHead: (failure) => {
          if (failure) throw failure;
        },
      }),
    );
    expect(store.interruptSentActions('interrupted: stopped')).toEqual([
      { id: 2, sentAt: '2026-11-24T15:00:00Z', accountId: 7001, ruleId: 'RULE-002', action: 'closePosition', target: 'MNQ position' },
    ]);
    expect(db.prepare(`SELECT id, status, detail FROM enforcement_actions ORDER BY id`).all()).toEqual([
      { id: 1, status: 'done', detail: 'label' },
      { id: 2, status: 'interrupted', detail: 'label — interrupted: stopped' },
    ]);
    expect(
      store.recordAction('2026-11-24T15:01:00Z', { accountId: 7001, ruleId: 'RULE-002', action: 'x', target: 'y', status: 'sent' }),
    ).toBe(3);
    expect(store.interruptSentActions('again')).toHaveLength(1);
    db.close();
  });
});
