import { describe, expect, it } from 'vitest';
import { REGULAR_HOURS } from '../../helpers/sessions';
import { lockEnd } from '../../../src/main/schedule/lock-end';

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

  it('without a configured session, a lock until the next session lasts until the reset', () => {
    expect(iso(lockEnd({ kind: 'untilSessionStart' }, at('2026-11-24T15:00:00Z'), { schedule, session: null }))).toBe(
      '2026-11-24T23:00:00.000Z',
    );
  });

  it('has no end for a lock only an administrator lifts', () => {
    expect(lockEnd({ kind: 'untilAdmin' }, at('2026-11-24T15:00:00Z'), { schedule, session: rth })).toBeNull();
  });
});
