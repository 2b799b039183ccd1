import { describe, expect, it } from 'vitest';
import { tradingDayAt } from '../../../src/main/schedule/trading-day';
import { utcOfWallTime } from '../../../src/main/schedule/timezone';

const chicago = { timezone: 'America/Chicago', resetTime: '17:00' };
const iso = (ms: number) => new Date(ms).toISOString();

describe('trading day', () => {
  it.each([
    // now (UTC)                      start (UTC)                  end (UTC)
    ['2026-11-24T15:00:00Z', '2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z'], // CST, mid-session
    ['2026-11-24T23:00:00Z', '2026-11-24T23:00:00.000Z', '2026-11-25T23:00:00.000Z'], // exactly at the reset
    ['2026-11-24T22:59:59Z', '2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z'], // one second before
    ['2026-07-01T21:59:00Z', '2026-06-30T22:00:00.000Z', '2026-07-01T22:00:00.000Z'], // CDT
    ['2027-01-01T02:00:00Z', '2026-12-31T23:00:00.000Z', '2027-01-01T23:00:00.000Z'], // across the year end
  ])('at %s runs from %s to %s (17:00 Chicago)', (now, start, end) => {
    const day = tradingDayAt(Date.parse(now), chicago);
    expect([iso(day.start), iso(day.end)]).toEqual([start, end]);
  });

  it('is 23 hours long across the March 2026 spring-forward in Chicago', () => {
    const day = tradingDayAt(Date.parse('2026-03-08T12:00:00Z'), chicago);
    expect([iso(day.start), iso(day.end)]).toEqual(['2026-03-07T23:00:00.000Z', '2026-03-08T22:00:00.000Z']);
    expect(day.end - day.start).toBe(23 * 3_600_000);
  });

  it('is 25 hours long across the November 2026 fall-back in Chicago', () => {
    const day = tradingDayAt(Date.parse('2026-11-01T12:00:00Z'), chicago);
    expect([iso(day.start), iso(day.end)]).toEqual(['2026-10-31T22:00:00.000Z', '2026-11-01T23:00:00.000Z']);
    expect(day.end - day.start).toBe(25 * 3_600_000);
  });

  it.each([
    ['2026-03-08T12:00:00Z', '2026-03-07T22:00:00.000Z', '2026-03-08T21:00:00.000Z'],
    ['2026-11-01T12:00:00Z', '2026-10-31T21:00:00.000Z', '2026-11-01T22:00:00.000Z'],
  ])('follows New York DST at 17:00 ET: %s', (now, start, end) => {
    const day = tradingDayAt(Date.parse(now), { timezone: 'America/New_York', resetTime: '17:00' });
    expect([iso(day.start), iso(day.end)]).toEqual([start, end]);
  });

  it('resolves a wall time inside the spring-forward gap to the instant after it', () => {
    expect(iso(utcOfWallTime({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/Chicago'))).toBe('2026-03-08T08:30:00.000Z');
  });

  it('resolves an ambiguous fall-back wall time to its first occurrence', () => {
    expect(iso(utcOfWallTime({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/Chicago'))).toBe('2026-11-01T06:30:00.000Z');
  });
});
