import { describe, expect, it } from 'vitest';
import { REGULAR_HOURS } from '../../helpers/sessions';
import { lockEnd } from '../../../src/main/schedule/lock-end';
import { wallClock } from '../../../src/shared/time-format';

const schedule = { timezone: 'America/Chicago', resetTime: '17:00' };
const rth = REGULAR_HOURS;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('lock end', () => {
  it('ends a cooldown after its duration', () => {
    expect(lockEnd({ kind: 'cooldown', durationMs: 15 * 60_000 }, at('2026-11-24T15:00:00Z'), { schedule, session: null })).toBe(
      at('2026-11-24T15:15:00Z'),
    );
  });

  it.each([
    ['2026-11-24T15:00:00Z', '2026-11-24T23:00:00.000Z'], // Tue 09:00 CST → 17:00 CST the same day
    ['2026-11-24T23:00:00Z', '2026-11-25T23:00:00.000Z'], // at the reset: the next one
    ['2026-07-01T15:00:00Z', '2026-07-01T22:00:00.000Z'], // 17:00 CDT in summer
  ])('locks until the next daily reset (at %s: %s)', (now, end) => {
    expect(iso(lockEnd({ kind: 'untilReset' }, at(now), { schedule, session: null }))).toBe(end);
  });

  it('locks until the next session opens, skipping the weekend and Thanksgiving', () => {
    // Wednesday 25 Nov 16:00 CST: Thursday is Thanksgiving, so Friday 08:30 CST.
    expect(iso(lockEnd({ kind: 'untilSessionStart' }, at('2026-11-25T22:00:00Z'), { schedule, session: rth }))).toBe(
      '2026-11-27T14:30:00.000Z',
    );
  });

  it.each([
    ['2026-11-27T18:20:00Z', '2026-11-30T14:30:00.000Z', 'Mon Nov 30, 8:30 AM CT'], // Fri 12:20 CST, after the half day's close
    ['2026-11-27T13:00:00Z', '2026-11-27T14:30:00.000Z', '8:30 AM CT'], // Fri 07:00 CST: the half day still opens
    ['2026-12-24T18:15:00Z', '2026-12-28T14:30:00.000Z', 'Mon Dec 28, 8:30 AM CT'], // Christmas Eve at its close
    ['2027-11-26T18:15:00Z', '2027-11-29T14:30:00.000Z', 'Mon Nov 29, 8:30 AM CT'],
  ])('locks across a CME half day until the next session opens (at %s: %s, read "%s")', (now, end, text) => {
    const until = lockEnd({ kind: 'untilSessionStart' }, at(now), { schedule, session: rth });
    expect(iso(until)).toBe(end);
    expect(wallClock(iso(until)!, 'America/Chicago', at(now))).toBe(text);
  });

  it('without a configured session, a lock until the next session lasts until the reset', () => {
    expect(iso(lockEnd({ kind: 'untilSessionStart' }, at('2026-11-24T15:00:00Z'), { schedule, session: null }))).toBe(
      '2026-11-24T23:00:00.000Z',
    );
  });

  it('has no end for a lock only an administrator lifts', () => {
    expect(lockEnd({ kind: 'untilAdmin' }, at('2026-11-24T15:00:00Z'), { schedule, session: rth })).toBeNull();
  });
});
