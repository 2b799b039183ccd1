import { describe, expect, it } from 'vitest';
import { countdown, wallClock } from '../../../src/shared/time-format';

describe('times as the trader reads them', () => {
  const TUESDAY_9AM_CT = Date.parse('2026-11-24T15:00:00.000Z');

  it.each([
    ['a lock ending today gives the time alone', '2026-11-24T23:00:00.000Z', '5:00 PM CT'],
    ['a lock ending another day names the day', '2026-11-30T14:30:00.000Z', 'Mon Nov 30, 8:30 AM CT'],
    ['an early close on the day after Thanksgiving', '2026-11-27T18:15:00.000Z', 'Fri Nov 27, 12:15 PM CT'],
    ['midnight belongs to the next day', '2026-11-25T06:00:00.000Z', 'Wed Nov 25, 12:00 AM CT'],
    ['a minute before midnight is still today', '2026-11-25T05:59:00.000Z', '11:59 PM CT'],
  ])('%s: %s → %s', (_case, iso, text) => {
    expect(wallClock(iso, 'America/Chicago', TUESDAY_9AM_CT)).toBe(text);
  });

  it('reads "today" in the trading timezone, not in UTC', () => {
    // Tue 21:00 CT is Wed 03:00 UTC: Wed 08:30 CT is another day for the trader, though the same UTC date.
    expect(wallClock('2026-11-25T14:30:00.000Z', 'America/Chicago', Date.parse('2026-11-25T03:00:00.000Z'))).toBe('Wed Nov 25, 8:30 AM CT');
    // Tue 17:30 CT is Tue 23:30 UTC: Tue 20:00 CT is today, though UTC has moved to Wednesday.
    expect(wallClock('2026-11-25T02:00:00.000Z', 'America/Chicago', Date.parse('2026-11-24T23:30:00.000Z'))).toBe('8:00 PM CT');
  });

  it('keeps the wall clock right across DST: 17:00 Chicago is 22:00 UTC in summer, 23:00 in winter', () => {
    expect(wallClock('2026-07-01T22:00:00.000Z', 'America/Chicago', Date.parse('2026-07-01T15:00:00.000Z'))).toBe('5:00 PM CT');
    expect(wallClock('2026-11-24T23:00:00.000Z', 'America/Chicago', TUESDAY_9AM_CT)).toBe('5:00 PM CT');
    // Sunday 1 Nov 2026, 01:30 CDT then 01:30 CST: the same words, an hour apart.
    expect(wallClock('2026-11-01T06:30:00.000Z', 'America/Chicago')).toBe('Sun Nov 1, 1:30 AM CT');
    expect(wallClock('2026-11-01T07:30:00.000Z', 'America/Chicago')).toBe('Sun Nov 1, 1:30 AM CT');
  });

  it('names the day when no "now" is given, for texts read later (the audit log)', () => {
    expect(wallClock('2026-11-24T23:00:00.000Z', 'America/Chicago')).toBe('Tue Nov 24, 5:00 PM CT');
  });

  it.each([
    ['America/New_York', 'Tue Nov 24, 6:00 PM ET'],
    ['America/Phoenix', 'Tue Nov 24, 4:00 PM MST'],
    ['Europe/London', 'Tue Nov 24, 11:00 PM GMT'],
    ['Europe/Berlin', 'Wed Nov 25, 12:00 AM GMT+1'],
    ['UTC', 'Tue Nov 24, 11:00 PM UTC'],
  ])('writes the zone as a trader in %s reads it: %s', (timeZone, text) => {
    expect(wallClock('2026-11-24T23:00:00.000Z', timeZone)).toBe(text);
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
