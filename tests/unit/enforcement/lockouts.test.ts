import { describe, expect, it } from 'vitest';
import type { LockRequest } from '../../../src/main/schedule/lock-end';
import { Lockouts } from '../../../src/main/enforcement/lockouts';
import { openTestStore } from '../../helpers/store';
import { recorderOf } from '../service/recorder-of';
import { tempDir } from '../../helpers/harness';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const RESET = Date.parse('2026-11-24T23:00:00Z');
/** The daily reset at 17:00 Chicago is RESET (23:00 UTC in November); no session configured. */
const calendar = { schedule: { timezone: 'America/Chicago', resetTime: '17:00' }, session: null };

describe('lockouts', () => {
  it('persists a lock so a restart still knows it', () => {
    const dir = tempDir();
    const first = openTestStore(dir);
    new Lockouts(first.store, recorderOf(first.store), () => calendar).lock(1, { kind: 'untilReset' }, 'RULE-003', 'P&L −550', T0);
    first.db.close();
    const second = openTestStore(dir);
    expect(new Lockouts(second.store, recorderOf(second.store), () => calendar).current(1)).toMatchObject({
      kind: 'untilReset',
      ruleId: 'RULE-003',
      until: new Date(RESET).toISOString(),
    });
  });

  it('keeps the stronger lock and replaces a weaker one', () => {
    const { store } = openTestStore();
    const book = new Lockouts(store, recorderOf(store), () => calendar);
    expect(book.lock(1, { kind: 'cooldown', durationMs: 60_000 }, 'RULE-006', 'too many trades', T0).created).toBe(true);
    expect(book.lock(1, { kind: 'untilReset' }, 'RULE-003', 'loss', T0).created).toBe(true);
    expect(book.lock(1, { kind: 'cooldown', durationMs: 3_600_000 }, 'RULE-007', 'tilt', T0).created).toBe(false);
    expect(book.lock(1, { kind: 'untilReset' }, 'RULE-003', 'loss again', T0 + 1000).created).toBe(false);
    expect(book.current(1)?.ruleId).toBe('RULE-003');
    expect(store.activeLockouts()).toHaveLength(1);
  });

  it('ends a lock on its own when its time comes, and records who ended it', () => {
    const { store, db } = openTestStore();
    const book = new Lockouts(store, recorderOf(store), () => calendar);
    book.lock(1, { kind: 'cooldown', durationMs: 60_000 }, 'RULE-006', 'too many trades', T0);
    expect(book.expire(T0 + 59_999)).toEqual([]);
    expect(book.expire(T0 + 60_000).map((l) => l.ruleId)).toEqual(['RULE-006']);
    expect(book.current(1)).toBeNull();
    expect(db.prepare('SELECT action, actor FROM audit_log ORDER BY id').all()).toEqual([
      { action: 'lock', actor: 'risk-engine' },
      { action: 'unlock', actor: 'schedule' },
    ]);
  });

  it('never ends an admin lock by time', () => {
    const { store } = openTestStore();
    const book = new Lockouts(store, recorderOf(store), () => calendar);
    book.lock(1, { kind: 'untilAdmin' }, 'RULE-010', 'broker disabled trading', T0);
    expect(book.expire(T0 + 365 * 86_400_000)).toEqual([]);
    expect(book.current(1)?.until).toBeNull();
  });

  it('lifts a lock on admin unlock and stores the override of the locking rule until the reset, for the engine to read', () => {
    const dir = tempDir();
    const { store } = openTestStore(dir);
    const book = new Lockouts(store, recorderOf(store), () => calendar);
    book.lock(1, { kind: 'untilReset' }, 'RULE-003', 'P&L −550', T0);
    expect(book.adminUnlock(1, 'desk approved', T0 + 1000, RESET)?.ruleId).toBe('RULE-003');
    expect(book.current(1)).toBeNull();
    const inForce = (at: number) => store.overridesInForce(new Date(at).toISOString()).map((o) => [o.accountId, o.ruleId, o.mode]);
    expect(inForce(T0 + 2000)).toEqual([[1, 'RULE-003', 'suspend']]);
    expect(inForce(RESET)).toEqual([]);
    const reopened = new Lockouts(openTestStore(dir).store, recorderOf(openTestStore(dir).store), () => calendar);
    expect(reopened.current(1)).toBeNull();
  });

  it('gives an admin-only lock an override that ends with the trading day', () => {
    const { store, db } = openTestStore();
    const book = new Lockouts(store, recorderOf(store), () => calendar);
    book.lock(1, { kind: 'untilAdmin' }, 'RULE-010', 'broker disabled trading', T0);
    book.adminUnlock(1, 'broker re-enabled the account', T0, RESET);
    expect(store.overridesInForce(new Date(RESET - 1).toISOString()).map((o) => o.ruleId)).toEqual(['RULE-010']);
    expect(store.overridesInForce(new Date(RESET).toISOString())).toEqual([]);
    expect(db.prepare(`SELECT cleared_by FROM lockouts`).all()).toEqual([{ cleared_by: 'admin' }]);
    expect(db.prepare(`SELECT actor, action, detail FROM audit_log WHERE action = 'unlock'`).get()).toMatchObject({
      actor: 'admin',
      detail: expect.stringContaining('broker re-enabled the account'),
    });
  });

  it('has nothing to lift when the account is not locked', () => {
    const { store } = openTestStore();
    expect(new Lockouts(store, recorderOf(store), () => calendar).adminUnlock(1, 'why', T0, RESET)).toBeNull();
  });

  it.each<[string, [LockRequest, number], [LockRequest, number], boolean]>([
    [
      'a longer cooldown replaces a shorter one',
      [{ kind: 'cooldown', durationMs: 60_000 }, T0],
      [{ kind: 'cooldown', durationMs: 120_000 }, T0],
      true,
    ],
    [
      'a cooldown that ends sooner does not',
      [{ kind: 'cooldown', durationMs: 120_000 }, T0],
      [{ kind: 'cooldown', durationMs: 60_000 }, T0],
      false,
    ],
    [
      'a cooldown that ends at the same time does not',
      [{ kind: 'cooldown', durationMs: 60_000 }, T0],
      [{ kind: 'cooldown', durationMs: 30_000 }, T0 + 30_000],
      false,
    ],
    [
      'a lock until the reset does not yield to a cooldown',
      [{ kind: 'untilReset' }, T0],
      [{ kind: 'cooldown', durationMs: 86_400_000 }, T0],
      false,
    ],
    ['an admin lock replaces a lock until the reset', [{ kind: 'untilReset' }, T0], [{ kind: 'untilAdmin' }, T0], true],
    ['an admin lock is not replaced by another one', [{ kind: 'untilAdmin' }, T0], [{ kind: 'untilAdmin' }, T0 + 1000], false],
    ['nothing replaces an admin lock', [{ kind: 'untilAdmin' }, T0], [{ kind: 'untilReset' }, T0], false],
  ])('%s', (_what, [first, firstAt], [second, secondAt], replaced) => {
    const { store, db } = openTestStore();
    const book = new Lockouts(store, recorderOf(store), () => calendar);
    book.lock(1, first, 'RULE-A', 'first', firstAt);
    expect(book.lock(1, second, 'RULE-B', 'second', secondAt).created).toBe(replaced);
    expect(book.current(1)?.ruleId).toBe(replaced ? 'RULE-B' : 'RULE-A');
    expect(db.prepare('SELECT rule_id, cleared_by FROM lockouts ORDER BY id').all()).toEqual(
      replaced
        ? [
            { rule_id: 'RULE-A', cleared_by: 'superseded by RULE-B' },
            { rule_id: 'RULE-B', cleared_by: null },
          ]
        : [{ rule_id: 'RULE-A', cleared_by: null }],
    );
  });

  it('writes what it did to the audit log: the lock with its end as a wall clock that names the day, and the unlock by schedule', () => {
    const { store, db } = openTestStore();
    const book = new Lockouts(store, recorderOf(store), () => calendar);
    book.lock(1, { kind: 'cooldown', durationMs: 60_000 }, 'RULE-006', '4 trades in a minute', T0);
    book.expire(T0 + 60_000);
    book.lock(2, { kind: 'untilAdmin' }, 'RULE-010', 'broker disabled trading', T0);
    expect(db.prepare('SELECT actor, action, account_id AS accountId, detail FROM audit_log ORDER BY id').all()).toEqual([
      { actor: 'risk-engine', action: 'lock', accountId: 1, detail: 'cooldown until Tue Nov 24, 9:01 AM CT: 4 trades in a minute' },
      { actor: 'schedule', action: 'unlock', accountId: 1, detail: 'cooldown lock by RULE-006 ended' },
      { actor: 'risk-engine', action: 'lock', accountId: 2, detail: 'untilAdmin until admin unlock: broker disabled trading' },
    ]);
    expect(db.prepare('SELECT cleared_by FROM lockouts WHERE account_id = 1').get()).toEqual({ cleared_by: 'schedule' });
  });
});
