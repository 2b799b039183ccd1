import { describe, expect, it } from 'vitest';
import { lockEnd } from '../../../src/main/schedule/lock-end';
import { tradingWeekAt } from '../../../src/main/schedule/trading-week';

const schedule = { timezone: 'America/Chicago', resetTime: '17:00' };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** The trading week on the real 2026 CME calendar: it starts at the first session of the week, Sunday at the reset. */
describe('the trading week', () => {
  it.each([
    ['Wednesday midday', '2026-11-25T16:00:00Z'],
    ['Saturday, the market shut', '2026-11-28T18:00:00Z'],
    ['Sunday a minute before the reset', '2026-11-29T22:59:00Z'],
    ['Sunday at the reset that opened it', '2026-11-22T23:00:00Z'],
  ])('%s belongs to the week of Mon Nov 23', (_, now) => {
    const week = tradingWeekAt(at(now), schedule);
    expect(iso(week.start)).toBe('2026-11-22T23:00:00.000Z');
    expect(iso(week.end)).toBe('2026-11-29T23:00:00.000Z');
    expect([week.firstDay, week.nextFirstDay]).toEqual(['2026-11-23', '2026-11-30']);
  });

  it('Sunday at the reset starts the next week', () => {
    const week = tradingWeekAt(at('2026-11-29T23:00:00Z'), schedule);
    expect(week.firstDay).toBe('2026-11-30');
    expect(iso(week.start)).toBe('2026-11-29T23:00:00.000Z');
  });

  it('a Monday holiday (Martin Luther King Jr. Day) starts the week Monday at the reset; Sunday evening stays in the week before', () => {
    const sundayEvening = tradingWeekAt(at('2026-01-19T00:30:00Z'), schedule);
    expect(sundayEvening.firstDay).toBe('2026-01-12');
    expect(iso(sundayEvening.end)).toBe('2026-01-19T23:00:00.000Z');
    expect(sundayEvening.nextFirstDay).toBe('2026-01-20');
    const tuesday = tradingWeekAt(at('2026-01-20T15:00:00Z'), schedule);
    expect(tuesday.firstDay).toBe('2026-01-20');
    expect(iso(tuesday.start)).toBe('2026-01-19T23:00:00.000Z');
  });

  it('follows daylight saving: the week after the March change starts at 5 PM CDT, the one before at 5 PM CST', () => {
    const before = tradingWeekAt(at('2026-03-04T16:00:00Z'), schedule);
    expect(iso(before.start)).toBe('2026-03-01T23:00:00.000Z');
    expect(iso(before.end)).toBe('2026-03-08T22:00:00.000Z');
    const after = tradingWeekAt(at('2026-11-04T16:00:00Z'), schedule);
    expect(iso(after.start)).toBe('2026-11-01T23:00:00.000Z');
  });

  it('a lock until the weekly reset ends at the next week’s first session; a lock until a time ends then', () => {
    const calendar = { schedule, session: null };
    expect(iso(lockEnd({ kind: 'untilWeeklyReset' }, at('2026-11-25T16:00:00Z'), calendar)!)).toBe('2026-11-29T23:00:00.000Z');
    expect(lockEnd({ kind: 'untilTime', at: at('2026-11-25T20:00:00Z') }, at('2026-11-25T16:00:00Z'), calendar)).toBe(
      at('2026-11-25T20:00:00Z'),
    );
  });
});
