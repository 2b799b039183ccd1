/**
 * The self-lockout's end and words: each choice from the service's clock in the trading timezone, a
 * wall time already past today meaning tomorrow, N hours across the spring DST change, the 7-day cap;
 * and the lock it writes over the real lock book, which never lets it shorten a stronger lock.
 */
import { describe, expect, it } from 'vitest';
import type { SelfLockUntil } from '../../../src/shared/contract';
import type { Order, Position } from '../../../src/shared/domain';
import { MarketBook } from '../../../src/main/engine/market-book';
import { Lockouts } from '../../../src/main/enforcement/lockouts';
import type { LockCalendar } from '../../../src/main/schedule/lock-end';
import type { SessionClock } from '../../../src/main/schedule/session-clock';
import { FlattenAndLock } from '../../../src/main/service/flatten-and-lock';
import { SelfLock, SelfLockRefused, selfLockEnd, type GuardedAccount } from '../../../src/main/service/self-lock';
import { enforcementParts } from '../../helpers/enforcement';

const CHICAGO: LockCalendar = { schedule: { timezone: 'America/Chicago', resetTime: '17:00' }, session: null };
/** Tue Mar 10 2026, 2:00 PM CDT. */
const TUESDAY_2PM = Date.parse('2026-03-10T19:00:00Z');

const end = (until: SelfLockUntil, now = TUESDAY_2PM, calendar = CHICAGO) => new Date(selfLockEnd(until, now, calendar)).toISOString();

describe('when a self-lockout ends', () => {
  it.each<[string, SelfLockUntil, string]>([
    ['the end of the trading day is the next daily reset', { kind: 'endOfDay' }, '2026-03-10T22:00:00.000Z'],
    ['the next session start is the reset when no session is configured', { kind: 'nextSession' }, '2026-03-10T22:00:00.000Z'],
    ['1 hour from now', { kind: 'hours', hours: 1 }, '2026-03-10T20:00:00.000Z'],
    ['72 hours from now', { kind: 'hours', hours: 72 }, '2026-03-13T19:00:00.000Z'],
    ['a time later today is today', { kind: 'time', at: '15:30' }, '2026-03-10T20:30:00.000Z'],
    ['a minute from now is today', { kind: 'time', at: '14:01' }, '2026-03-10T19:01:00.000Z'],
    ['the time it is now means tomorrow', { kind: 'time', at: '14:00' }, '2026-03-11T19:00:00.000Z'],
    ['a time already past today means tomorrow', { kind: 'time', at: '08:30' }, '2026-03-11T13:30:00.000Z'],
  ])('%s', (_case, until, expected) => {
    expect(end(until)).toBe(expected);
  });

  it('counts N hours in real time across the spring DST change: 1:30 AM CST + 2 hours is 4:30 AM CDT', () => {
    const beforeTheChange = Date.parse('2026-03-08T07:30:00Z'); // Sun Mar 8, 1:30 AM CST
    expect(end({ kind: 'hours', hours: 2 }, beforeTheChange)).toBe('2026-03-08T09:30:00.000Z'); // 4:30 AM CDT
  });

  it('takes the next session start from the configured session', () => {
    const session: SessionClock = { current: () => null, nextStart: () => Date.parse('2026-03-11T13:30:00Z') };
    expect(end({ kind: 'nextSession' }, TUESDAY_2PM, { ...CHICAGO, session })).toBe('2026-03-11T13:30:00.000Z');
  });

  it('refuses an end more than 7 days away, and one that is not in the future, saying why', () => {
    const far: SessionClock = { current: () => null, nextStart: (now) => now + 7 * 86_400_000 + 60_000 };
    expect(() => end({ kind: 'nextSession' }, TUESDAY_2PM, { ...CHICAGO, session: far })).toThrow(
      new SelfLockRefused('A self-lockout lasts at most 7 days; Tue Mar 17, 2:01 PM CT is further away: choose an earlier end'),
    );
    const exactlySeven: SessionClock = { current: () => null, nextStart: (now) => now + 7 * 86_400_000 };
    expect(end({ kind: 'nextSession' }, TUESDAY_2PM, { ...CHICAGO, session: exactlySeven })).toBe('2026-03-17T19:00:00.000Z');
    const now: SessionClock = { current: () => null, nextStart: (at) => at };
    expect(() => end({ kind: 'nextSession' }, TUESDAY_2PM, { ...CHICAGO, session: now })).toThrow('That time has already passed');
  });
});

function account(id: number, name: string, positions: Position[] = [], orders: Order[] = []): GuardedAccount {
  return { id, account: { name }, positions: () => positions, workingOrders: () => orders };
}

function setUp(accounts: GuardedAccount[]) {
  const parts = enforcementParts();
  parts.clock.set(TUESDAY_2PM);
  const titles: string[] = [];
  const journal = { add: (_kind: string, _id: number | null, title: string) => void titles.push(title) };
  // The lock book on the Chicago calendar, as the service arms it from the config.
  const lockouts = new Lockouts(parts.store, parts.recorder, () => CHICAGO);
  const flatten = new FlattenAndLock({
    lockouts,
    executor: parts.executor,
    recorder: parts.recorder,
    journal,
    ruleTitle: () => 'Daily realized loss',
  });
  const selfLock = new SelfLock({
    flatten,
    accounts: () => accounts,
    calendar: () => CHICAGO,
    clock: parts.clock,
    contracts: new MarketBook(),
    changed: () => undefined,
  });
  return { ...parts, lockouts, selfLock, titles };
}

const MNQ = 'CON.F.US.MNQ.H26';
const long2: Position = { accountId: 1, contractId: MNQ, size: 2, averagePrice: 21000 } as Position;

describe('the self-lockout', () => {
  it('says before confirming when it ends, in the trading timezone, and what it closes', () => {
    const { selfLock } = setUp([account(1, 'PRAC-1', [long2]), account(2, 'PRAC-2')]);
    expect(selfLock.preview({ accountIds: [], until: { kind: 'time', at: '08:30' } })).toEqual({
      until: '2026-03-11T13:30:00.000Z',
      untilText: 'Wed Mar 11, 8:30 AM CT',
      accounts: ['PRAC-1', 'PRAC-2'],
      closes: [`PRAC-1: close ${MNQ} (2 long)`],
      alreadyLocked: [],
    });
  });

  it('locks until the chosen time, written before the closes go out, and flattens', async () => {
    const { selfLock, lockouts, broker, executor, titles } = setUp([account(1, 'PRAC-1', [long2])]);
    const result = selfLock.lock({ accountIds: [1], until: { kind: 'hours', hours: 2 } });
    expect(result.message).toBe('Locked until 4:00 PM CT; positions closed and orders cancelled.');
    expect(lockouts.current(1)).toMatchObject({ kind: 'untilTime', ruleId: 'SELF-LOCK', until: '2026-03-10T21:00:00.000Z' });
    expect(titles[0]).toBe('Locked until 4:00 PM CT: self-lockout');
    await executor.idle();
    expect(broker.calls).toEqual([`close 1 ${MNQ}`]);
  });

  it('never shortens a lock until the reset already in force, and says so', () => {
    const { selfLock, lockouts } = setUp([account(1, 'PRAC-1')]);
    lockouts.lock(1, { kind: 'untilReset' }, 'RULE-003', 'daily loss', TUESDAY_2PM);
    expect(selfLock.preview({ accountIds: [1], until: { kind: 'hours', hours: 1 } }).alreadyLocked).toEqual([
      'PRAC-1 is already locked by Daily realized loss until 5:00 PM CT',
    ]);
    const result = selfLock.lock({ accountIds: [1], until: { kind: 'hours', hours: 1 } });
    expect(result.message).toBe(
      'Positions closed and orders cancelled. PRAC-1 was already locked by Daily realized loss until 5:00 PM CT, which lasts at least as long: that lock is kept.',
    );
    expect(lockouts.current(1)).toMatchObject({ ruleId: 'RULE-003', kind: 'untilReset' });
  });

  it('replaces a shorter lock until the reset with a later self-lockout', () => {
    const { selfLock, lockouts } = setUp([account(1, 'PRAC-1')]);
    lockouts.lock(1, { kind: 'untilReset' }, 'RULE-003', 'daily loss', TUESDAY_2PM);
    selfLock.lock({ accountIds: [1], until: { kind: 'time', at: '09:00' } });
    expect(lockouts.current(1)).toMatchObject({ ruleId: 'SELF-LOCK', until: '2026-03-11T14:00:00.000Z' });
  });

  it('refuses to lock past what the preview showed: a preview of the end of the day read before the reset, confirmed after it', () => {
    const { selfLock, lockouts, clock } = setUp([account(1, 'PRAC-1')]);
    clock.set(Date.parse('2026-03-10T21:59:58Z')); // 4:59:58 PM CDT
    const preview = selfLock.preview({ accountIds: [1], until: { kind: 'endOfDay' } });
    expect(preview.untilText).toBe('5:00 PM CT');
    clock.set(Date.parse('2026-03-10T22:00:01Z'));
    expect(() => selfLock.lock({ accountIds: [1], until: { kind: 'endOfDay' }, previewedUntil: preview.until })).toThrow(
      'Not locked: the end is now Wed Mar 11, 5:00 PM CT, not 5:00 PM CT as shown. Look at it again and confirm.',
    );
    expect(lockouts.current(1)).toBeNull();
  });

  it('takes a confirm a few seconds after the preview of N hours, whose end moved by those seconds', () => {
    const { selfLock, lockouts, clock } = setUp([account(1, 'PRAC-1')]);
    const preview = selfLock.preview({ accountIds: [1], until: { kind: 'hours', hours: 2 } });
    clock.set(TUESDAY_2PM + 20_000);
    selfLock.lock({ accountIds: [1], until: { kind: 'hours', hours: 2 }, previewedUntil: preview.until });
    expect(lockouts.current(1)).toMatchObject({ ruleId: 'SELF-LOCK', until: '2026-03-10T21:00:20.000Z' });
  });

  it('refuses an account Risk Warden does not guard', () => {
    const { selfLock } = setUp([account(1, 'PRAC-1')]);
    expect(() => selfLock.lock({ accountIds: [9], until: { kind: 'endOfDay' } })).toThrow('Account 9 is not one Risk Warden guards');
  });
});
