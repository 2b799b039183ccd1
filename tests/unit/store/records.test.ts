/**
 * The sealed records judged at start: edits made to riskwarden.db while Risk Warden was stopped —
 * as a trader with a SQLite tool, a copied file or a lost WAL would make them — are found, and the
 * stricter state wins.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, StoreError, type Db } from '../../../src/main/store/database';
import { recordKeySource } from '../../../src/main/store/record-key';
import { openRecords, type Records } from '../../../src/main/store/records';
import { RiskStore } from '../../../src/main/store/risk-store';
import { tempDir } from '../../helpers/harness';

const NOW = Date.parse('2026-11-24T15:00:00Z');
const LOCK = { accountId: 7001, kind: 'untilReset', ruleId: 'RULE-003', reason: 'daily loss', since: '2026-11-24T15:00:00.000Z' } as const;

interface Opened {
  db: Db;
  store: RiskStore;
  records: Records;
}

function open(dir: string): Opened {
  const db = openDatabase(path.join(dir, 'riskwarden.db'));
  try {
    const records = openRecords({
      db,
      folder: dir,
      keySource: recordKeySource(dir),
      now: NOW,
      onHead: (failure) => {
        if (failure) throw failure;
      },
    });
    return { db, store: new RiskStore(db, records), records };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** As the service stops: a last checkpoint writes the head, then the database closes. */
function stop({ db, records }: Opened): void {
  records.checkpoint();
  db.close();
}

/** Edits the closed database as a SQLite tool would. */
function edit(dir: string, sql: string): void {
  const db = new Database(path.join(dir, 'riskwarden.db'));
  db.exec(sql);
  db.close();
}

/** What a trader on tilt would insert: the daily loss rule suspended for good. */
const OVERRIDE_UNTIL_2099 = `INSERT INTO admin_overrides (account_id, rule_id, granted_at, until, reason) VALUES (7001, 'RULE-003', '2026-11-24T15:02:00Z', '2099-01-01T00:00:00Z', 'me');`;

function lockedFolder(): string {
  const dir = tempDir();
  const opened = open(dir);
  opened.store.saveLockout({ ...LOCK, until: '2026-11-24T23:00:00.000Z' });
  opened.store.audit(LOCK.since, 'risk-engine', 'lock', 7001, 'untilReset: daily loss');
  stop(opened);
  return dir;
}

function auditActions(db: Db): string[] {
  return db.prepare(`SELECT action FROM audit_log ORDER BY id`).pluck().all() as string[];
}

describe('sealed records at start', () => {
  it('finds nothing after a clean stop and start, nor after a start that was never stopped cleanly', () => {
    const dir = lockedFolder();
    const again = open(dir);
    expect(again.records.findings).toBeNull();
    expect(again.store.activeLockouts()).toHaveLength(1);
    // As after kill -9: no last checkpoint; SQLite's own close is the only thing that runs.
    again.db.close();
    const third = open(dir);
    expect(third.records.findings).toBeNull();
    stop(third);
  });

  it('keeps a lock that was cleared by hand, and says so', () => {
    const dir = lockedFolder();
    edit(dir, `UPDATE lockouts SET cleared_at = '2026-11-24T15:01:00Z', cleared_by = 'admin'`);
    const { db, store, records } = open(dir);
    expect(store.activeLockouts()).toMatchObject([{ accountId: 7001, ruleId: 'RULE-003' }]);
    expect(records.findings).toMatch(/put back as sealed, after they were altered: lock #1/);
    expect(auditActions(db)).toContain('records altered');
    db.close();
  });

  it('puts back a lock whose row was deleted', () => {
    const dir = lockedFolder();
    edit(dir, `DELETE FROM lockouts`);
    const { db, store, records } = open(dir);
    expect(store.activeLockouts()).toMatchObject([{ accountId: 7001, ruleId: 'RULE-003', reason: 'daily loss' }]);
    expect(records.findings).toMatch(/after they were removed: lock #1/);
    db.close();
  });

  it('drops an admin override inserted by hand, even with an approval row beside it', () => {
    const dir = lockedFolder();
    edit(
      dir,
      `${OVERRIDE_UNTIL_2099}
       INSERT INTO audit_log (ts, actor, action, account_id, detail) VALUES ('2026-11-24T15:02:00Z', 'admin', 'unlock approved', 7001, 'forged');`,
    );
    const { db, store, records } = open(dir);
    expect(store.overridesInForce('2026-11-24T15:03:00Z')).toEqual([]);
    expect(records.findings).toMatch(/dropped, never written by Risk Warden: admin override #1/);
    expect(records.findings).toMatch(/not written by Risk Warden \(kept, they prove nothing\): audit row #2/);
    db.close();
  });

  it('does not trust a chain entry forged without the key: the override after it is dropped and the lock kept', () => {
    const dir = lockedFolder();
    edit(
      dir,
      `${OVERRIDE_UNTIL_2099}
       INSERT INTO record_chain (seq, tbl, row_id, content, mac) SELECT max(seq) + 1, 'admin_overrides', 1, (SELECT json_object('id', id) FROM admin_overrides), 'ab' FROM record_chain;
       UPDATE lockouts SET cleared_at = '2026-11-24T15:01:00Z';`,
    );
    const { db, store, records } = open(dir);
    expect(records.findings).toMatch(/the record chain does not verify from entry \d+/);
    expect(store.overridesInForce('2026-11-24T15:03:00Z')).toEqual([]);
    expect(store.activeLockouts()).toHaveLength(1);
    stop({ db, store, records });
    const after = open(dir);
    expect(after.records.findings).toBeNull();
    after.db.close();
  });

  it('cannot check anything without its key: overrides are dropped, locks kept', () => {
    const dir = tempDir();
    const opened = open(dir);
    opened.store.saveLockout({ ...LOCK, until: null });
    opened.store.audit('2026-11-24T15:02:00Z', 'admin', 'unlock approved', 7001, 'proved');
    opened.store.saveOverride({
      accountId: 7001,
      ruleId: 'RULE-001',
      grantedAt: '2026-11-24T15:02:00Z',
      until: '2026-11-24T23:00:00Z',
      reason: 'desk',
      mode: 'suspend',
      baseline: null,
    });
    stop(opened);
    fs.rmSync(path.join(dir, 'records.key'));
    const { db, store, records } = open(dir);
    expect(records.findings).toMatch(/the records key \(.*records\.key.*\) was missing, so no record could be checked/);
    expect(store.overridesInForce('2026-11-24T15:03:00Z')).toEqual([]);
    expect(store.activeLockouts()).toHaveLength(1);
    db.close();
  });

  it('refuses a database emptied or deleted where records were kept, naming the files and what to do', () => {
    const dir = lockedFolder();
    for (const file of ['riskwarden.db', 'riskwarden.db-wal', 'riskwarden.db-shm']) fs.rmSync(path.join(dir, file), { force: true });
    expect(() => open(dir)).toThrow(StoreError);
    expect(() => open(dir)).toThrow(
      /riskwarden\.db is empty, but this folder held Risk Warden records.*move riskwarden\.head out of the folder/,
    );
  });

  it('refuses another Risk Warden database put in its place', () => {
    const dir = lockedFolder();
    const other = tempDir();
    stop(open(other));
    fs.copyFileSync(path.join(other, 'riskwarden.db'), path.join(dir, 'riskwarden.db'));
    expect(() => open(dir)).toThrow(/is not the database this folder’s records were written to: it was replaced/);
  });

  it('refuses a database that lost its write-ahead log', () => {
    const dir = lockedFolder();
    const running = open(dir);
    running.store.saveLockout({ ...LOCK, ruleId: 'RULE-001', kind: 'untilAdmin', until: null });
    running.records.checkpoint();
    running.store.audit('2026-11-24T15:05:00Z', 'risk-engine', 'lock', 7001, 'after the checkpoint');
    running.records.checkpoint();
    // kill -9, then the WAL is deleted: only the main file and the head are left.
    const copy = tempDir();
    for (const file of ['riskwarden.db', 'riskwarden.head', 'records.key']) fs.copyFileSync(path.join(dir, file), path.join(copy, file));
    running.db.close();
    expect(() => open(copy)).toThrow(/is older than the last state Risk Warden wrote: its write-ahead log/);
  });

  it('refuses a database whose newest records were cut, chain and all', () => {
    const dir = lockedFolder();
    edit(
      dir,
      `DELETE FROM lockouts; DELETE FROM record_chain WHERE tbl = 'lockouts' OR seq = (SELECT max(seq) FROM record_chain);
       DELETE FROM audit_log WHERE action = 'lock';`,
    );
    expect(() => open(dir)).toThrow(/lost its newest records: the record chain no longer reaches entry \d+/);
  });

  it('starts from what the database holds once the head is moved aside, and says so', () => {
    const dir = lockedFolder();
    edit(dir, `DELETE FROM lockouts; DELETE FROM record_chain WHERE seq = (SELECT max(seq) FROM record_chain);`);
    fs.renameSync(path.join(dir, 'riskwarden.head'), path.join(tempDir(), 'riskwarden.head'));
    const { db, records } = open(dir);
    expect(records.findings).toMatch(/riskwarden\.head was missing, so locks and overrides removed with it cannot be known/);
    db.close();
  });

  it('says so when the database and its head were both moved aside, as the refusal allows: the key shows the folder held records', () => {
    const dir = lockedFolder();
    for (const file of ['riskwarden.db', 'riskwarden.db-wal', 'riskwarden.db-shm', 'riskwarden.head'])
      fs.rmSync(path.join(dir, file), { force: true });
    const { db, store, records } = open(dir);
    expect(store.activeLockouts()).toEqual([]);
    expect(records.findings).toMatch(
      /riskwarden\.head was missing, so locks and overrides removed with it cannot be known \(a database started afresh loses its locks\)/,
    );
    expect(auditActions(db)).toEqual(['records altered']);
    db.close();
  });

  it('seals the records of a database from before sealing, and says what cannot be known; an override in it needs a grant', () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'riskwarden.db'));
    db.exec(`DROP TABLE record_chain; PRAGMA user_version = 6;`);
    db.prepare(
      `INSERT INTO lockouts (account_id, kind, rule_id, reason, since, until) VALUES (7001, 'untilAdmin', 'RULE-003', 'old', ?, NULL)`,
    ).run(LOCK.since);
    db.close();
    const opened = open(dir);
    expect(opened.records.findings).toMatch(/^the records were found without a seal .*what was changed before this start cannot be known$/);
    expect(opened.store.activeLockouts()).toHaveLength(1);
    stop(opened);
    const next = open(dir);
    expect(next.records.findings).toBeNull();
    stop(next);
    edit(dir, `UPDATE lockouts SET cleared_at = 'x'`);
    const after = open(dir);
    expect(after.records.findings).toMatch(/altered: lock #1/);
    after.db.close();
  });

  it('shows, and grants nothing to, records whose chain and head were removed to pass for a first seal', () => {
    const dir = lockedFolder();
    fs.rmSync(path.join(dir, 'riskwarden.head'));
    edit(
      dir,
      `DELETE FROM record_chain;
       UPDATE lockouts SET cleared_at = '2026-11-24T15:01:00.000Z', cleared_by = 'admin';
       INSERT INTO audit_log (ts, actor, action, account_id, detail) VALUES ('2026-11-24T15:01:00.000Z', 'admin', 'unlock approved', 7001, 'forged');
       INSERT INTO admin_overrides (account_id, rule_id, granted_at, until, reason) VALUES (7001, 'RULE-003', '2026-11-24T15:01:00.000Z', '2026-11-24T23:00:00.000Z', 'me');`,
    );
    const { db, store, records } = open(dir);
    expect(records.findings).toMatch(/found without a seal .*dropped, as no administrator's grant can be shown: admin override #1/);
    expect(store.overridesInForce('2026-11-24T15:03:00Z')).toEqual([]);
    db.close();
  });

  it('keeps a lock in force whose clearing sits behind a broken chain, and says the stricter state was kept', () => {
    const dir = lockedFolder();
    edit(dir, `UPDATE record_chain SET mac = 'x' WHERE seq = 1; UPDATE lockouts SET cleared_at = '2026-11-24T15:01:00.000Z'`);
    const { db, store, records } = open(dir);
    expect(store.activeLockouts()).toMatchObject([{ id: 1, ruleId: 'RULE-003' }]);
    expect(records.findings).toMatch(
      /the record chain does not verify from entry 1 of \d+.*kept in force, their clearing not verified: lock #1/,
    );
    stop({ db, store, records });
    const again = open(dir);
    expect(again.store.activeLockouts()).toHaveLength(1);
    expect(again.records.findings).toBeNull();
    again.db.close();
  });

  it('puts back the config in force edited by hand, and drops one inserted by hand', () => {
    const dir = tempDir();
    const opened = open(dir);
    opened.store.setMeta('config_in_force', '{"limit":-500}');
    stop(opened);
    edit(dir, `UPDATE meta SET value = '{"limit":-100000}' WHERE key = 'config_in_force'`);
    const altered = open(dir);
    expect(altered.store.meta('config_in_force')).toBe('{"limit":-500}');
    expect(altered.records.findings).toMatch(/altered: stored setting #\d+/);
    stop(altered);
    edit(dir, `DELETE FROM record_chain WHERE tbl = 'meta'; DELETE FROM meta WHERE key = 'config_in_force';`);
    edit(dir, `INSERT INTO meta (key, value) VALUES ('last_reset', '2099-01-01T00:00:00.000Z')`);
    const inserted = open(dir);
    expect(inserted.store.meta('last_reset')).toBeNull();
    expect(inserted.records.findings).toMatch(/dropped, never written by Risk Warden: stored setting #\d+/);
    inserted.db.close();
  });

  it('goes on when its head cannot be written, says so, and says when it is written again', () => {
    const dir = lockedFolder();
    const blocker = path.join(dir, `riskwarden.head.${process.pid}.tmp`);
    fs.mkdirSync(blocker);
    const outcomes: string[] = [];
    const db = openDatabase(path.join(dir, 'riskwarden.db'));
    const records = openRecords({
      db,
      folder: dir,
      keySource: recordKeySource(dir),
      now: NOW,
      onHead: (failure) => outcomes.push(failure?.message ?? 'written'),
    });
    new RiskStore(db, records).saveLockout({ ...LOCK, until: null });
    records.checkpoint();
    expect(outcomes).toHaveLength(2);
    expect(outcomes.every((outcome) => /EISDIR|illegal operation on a directory/.test(outcome))).toBe(true);
    fs.rmdirSync(blocker);
    records.checkpoint();
    expect(outcomes.at(-1)).toBe('written');
    db.close();
  });
});
