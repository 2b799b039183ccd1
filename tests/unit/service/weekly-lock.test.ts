/** A lock until the weekly reset, through the day cycle on the real calendar: daily resets pass it by, the week's first session ends it. */
import { describe, expect, it } from 'vitest';
import { Lockouts } from '../../../src/main/enforcement/lockouts';
import { DayCycle } from '../../../src/main/service/day-cycle';
import { FakeClock } from '../../helpers/fake-clock';
import { openTestStore } from '../../helpers/store';
import { recorderOf } from './recorder-of';

const CHICAGO = { timezone: 'America/Chicago', resetTime: '17:00' };

function cycleAt(now: string) {
  const clock = new FakeClock(Date.parse(now));
  const { store } = openTestStore();
  const recorder = recorderOf(store);
  const lockouts = new Lockouts(store, recorder, () => ({ schedule: CHICAGO, session: null }));
  const ended: string[] = [];
  const day = new DayCycle({
    store,
    recorder,
    lockouts,
    journal: { add: (kind, _accountId, title) => void (kind === 'unlock' && ended.push(title)) },
    clock,
    schedule: () => CHICAGO,
    beforeReset: () => undefined,
    onNewDay: () => undefined,
  });
  day.catchUp(clock.now());
  /** Ticks the cycle at `iso`, as the housekeeping tick does. */
  const tickAt = (iso: string) => {
    clock.set(Date.parse(iso));
    day.tick(clock.now());
  };
  return { clock, lockouts, ended, tickAt };
}

describe('a lock until the weekly reset', () => {
  it('locked Tuesday, holds through every daily reset and ends Sunday at 5 PM CT', () => {
    const { clock, lockouts, ended, tickAt } = cycleAt('2026-11-24T16:00:00Z');
    const lock = lockouts.lock(1, { kind: 'untilWeeklyReset' }, 'RULE-016', 'weekly loss limit', clock.now()).lock;
    expect(lock.until).toBe('2026-11-29T23:00:00.000Z');
    for (const reset of ['2026-11-24T23:00:00Z', '2026-11-25T23:00:00Z', '2026-11-27T23:00:00Z', '2026-11-29T22:59:59Z']) {
      tickAt(reset);
      expect(lockouts.current(1)?.kind).toBe('untilWeeklyReset');
    }
    tickAt('2026-11-29T23:00:00Z');
    expect(lockouts.current(1)).toBeNull();
    expect(ended).toEqual(['Lock ended: the new trading week started']);
  });

  it('with Monday a holiday (Martin Luther King Jr. Day 2027), holds through the Sunday evening and ends Monday at 5 PM CT', () => {
    const { clock, lockouts, tickAt } = cycleAt('2027-01-14T16:00:00Z');
    lockouts.lock(1, { kind: 'untilWeeklyReset' }, 'RULE-017', 'weekly trade limit', clock.now());
    tickAt('2027-01-17T23:00:00Z');
    expect(lockouts.current(1)?.until).toBe('2027-01-18T23:00:00.000Z');
    tickAt('2027-01-18T23:00:00Z');
    expect(lockouts.current(1)).toBeNull();
  });
});
