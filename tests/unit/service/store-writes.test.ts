/**
 * StoreWrites over a real SQLite database made to refuse for real: a page limit reached (SQLITE_FULL),
 * writes forbidden on the connection (SQLITE_READONLY), pages overwritten under it (SQLITE_CORRUPT).
 */
import { describe, expect, it } from 'vitest';
import { Lockouts } from '../../../src/main/enforcement/lockouts';
import { damage, fillDisk, freeDisk, openTestStore } from '../../helpers/store';
import { recorderOf } from './recorder-of';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const calendar = { schedule: { timezone: 'UTC', resetTime: '23:00' }, session: null };

function setup(limit?: number) {
  const { db, store, file } = openTestStore();
  const writes = recorderOf(store, file, limit);
  const audit = (detail: string) =>
    writes.write(`audit ${detail}`, (s) => s.audit(new Date(T0).toISOString(), 'test', 'note', null, detail));
  const notes = () => db.prepare(`SELECT detail FROM audit_log WHERE action = 'note' ORDER BY id`).pluck().all() as string[];
  return { db, store, file, writes, audit, notes };
}

/** Larger than a page: it needs new pages wherever it goes. */
const LARGE = 'x'.repeat(20_000);

describe('writes the store refuses', () => {
  it('are kept and retried in order once the disk has room, and the problem shown meanwhile is cleared', () => {
    const { db, file, writes, audit, notes } = setup();
    audit('before');
    fillDisk(db);
    audit(LARGE);
    audit('after');
    expect(notes()).toEqual(['before']);
    expect(writes.pending).toBe(2);
    expect(writes.shown()).toEqual([
      {
        kind: 'storage',
        title: 'Database cannot be written',
        detail: expect.stringMatching(
          new RegExp(
            `^${escape(file)}: the disk is full \\(SQLite: database or disk is full \\(SQLITE_FULL\\)\\)\\. Enforcement goes on from memory.*Free disk space`,
          ),
        ),
      },
    ]);

    writes.retry();
    expect(notes()).toEqual(['before']);
    freeDisk(db);
    writes.retry();
    expect(notes()).toEqual(['before', LARGE, 'after']);
    expect(writes.pending).toBe(0);
    expect(writes.shown()).toEqual([]);
  });

  it('keep a lock in force in memory and write it, then its end, in that order, once the store takes writes', () => {
    const { db, store, writes } = setup();
    db.pragma('query_only = ON');
    const book = new Lockouts(store, writes, () => calendar);
    const { lock } = book.lock(1, { kind: 'cooldown', durationMs: 15 * 60_000 }, 'RULE-007', '3 losses in a row', T0);
    expect(book.current(1)).toBe(lock);
    expect(writes.shown().map((p) => p.title)).toEqual(['Database cannot be written']);
    expect(writes.shown()[0]!.detail).toContain('attempt to write a readonly database (SQLITE_READONLY)');
    expect(book.expire(T0 + 15 * 60_000)).toEqual([lock]);
    expect(book.current(1)).toBeNull();

    db.pragma('query_only = OFF');
    writes.retry();
    const rows = db.prepare('SELECT id, rule_id AS ruleId, cleared_by AS clearedBy FROM lockouts').all();
    expect(rows).toEqual([{ id: lock.id, ruleId: 'RULE-007', clearedBy: 'schedule' }]);
    expect(lock.id).toBeGreaterThan(0);
    expect(store.activeLockouts()).toEqual([]);
  });

  it('say "Database damaged" with the file and what to do when SQLite finds the file damaged', async () => {
    const { db, file, writes, audit } = setup();
    for (let i = 0; i < 50; i++) audit(`row ${i} ${'y'.repeat(200)}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // The store rewrites riskwarden.head just after a sealed write (records.sealed): before the damage.
    await new Promise((resolve) => setImmediate(resolve));
    damage(file);
    audit('after the damage');
    expect(writes.pending).toBe(1);
    expect(writes.shown()).toEqual([
      {
        kind: 'storage',
        title: 'Database damaged',
        detail: expect.stringContaining(`${file} is damaged (SQLite: database disk image is malformed (SQLITE_CORRUPT))`),
      },
    ]);
    expect(writes.shown()[0]!.detail).toContain('move riskwarden.db with its -wal and -shm files and riskwarden.head aside');
  });

  it('past the bound keep no new records but always keep locks, and say what was lost once written again', () => {
    const { db, store, writes, audit, notes } = setup(3);
    db.pragma('query_only = ON');
    for (const n of [1, 2, 3, 4, 5]) audit(`note ${n}`);
    new Lockouts(store, writes, () => calendar).lock(1, { kind: 'untilAdmin' }, 'RULE-010', 'limit', T0);
    expect(writes.pending).toBe(4);
    writes.retry();
    expect(writes.shown()[0]!.detail).toContain(
      'More than 3 writes waited: new fills, violations, actions and audit records are no longer kept until the database takes writes again (locks and their ends always are).',
    );

    db.pragma('query_only = OFF');
    writes.retry();
    expect(notes()).toEqual(['note 1', 'note 2', 'note 3']);
    expect(store.activeLockouts().map((l) => l.ruleId)).toEqual(['RULE-010']);
    expect(writes.shown()).toEqual([]);
  });

  it('replace a waiting write of the same key, so state written on every event cannot pile up', () => {
    const { db, store, writes } = setup();
    db.pragma('query_only = ON');
    for (let n = 1; n <= 100; n++) writes.write('state', (s) => s.setRuleState(1, 'RULE-011', { n }), { key: 'state:1' });
    expect(writes.pending).toBe(1);
    db.pragma('query_only = OFF');
    writes.retry();
    expect(store.ruleState(1, 'RULE-011')).toEqual({ n: 100 });
  });

  it('write the rest of a batch when one of its writes is refused for what it holds, and drop that one', () => {
    const { writes, notes, store } = setup();
    writes.batch(() => {
      writes.write('a note', (s) => s.audit(new Date(T0).toISOString(), 'test', 'note', null, 'kept'));
      // The status column's CHECK refuses it (SQLITE_CONSTRAINT_CHECK): trying again cannot help.
      writes.write('a bad action', (s) =>
        s.recordAction('t', { accountId: 1, ruleId: 'R', action: 'x', target: 'y', status: 'bogus' as 'sent' }),
      );
      writes.write('state', (s) => s.setRuleState(1, 'R', { ok: true }));
    });
    expect(notes()).toEqual(['kept']);
    expect(store.ruleState(1, 'R')).toEqual({ ok: true });
    expect(writes.pending).toBe(0);
    expect(writes.shown()).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
