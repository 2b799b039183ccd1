import { describe, expect, it } from 'vitest';
import { countdown, wallClock } from '../../../src/shared/time-format';

describe('times as the trader reads them', () => {
  it('shows a lock end in the trading timezone, with its abbreviation across DST', () => {
    expect(wallClock('2026-11-24T23:00:00.000Z', 'America/Chicago')).toBe('17:00 CST');
    expect(wallClock('2026-07-01T22:00:00.000Z', 'America/Chicago')).toBe('17:00 CDT');
  });

  it.each([
    ['2026-11-24T15:00:00.000Z', '0m 00s'],
    ['2026-11-24T15:00:59.600Z', '1m 00s'],
    ['2026-11-24T15:09:05.000Z', '9m 05s'],
    ['2026-11-24T23:00:00.000Z', '8h 00m'],
    ['2026-11-24T16:05:00.000Z', '1h 05m'],
    ['2026-11-24T14:00:00.000Z', '0m 00s'],
  ])('counts down to %s as %s', (until, text) => {
    expect(countdown(until, Date.parse('2026-11-24T15:00:00.000Z'))).toBe(text);
  });
});
