import { describe, expect, it } from 'vitest';
import {
  age,
  axisMoney,
  clockTime,
  dayKey,
  dayLabel,
  niceTicks,
  secondsLeft,
  timeWithSeconds,
  zoneName,
} from '../../../src/renderer/src/format';

const CHICAGO = 'America/Chicago';

describe('times on the dashboard are the trading timezone, not the browser', () => {
  it('writes a timeline time with seconds in the trading zone', () => {
    // 14:31:05 UTC on a November Thursday is 8:31:05 AM in Chicago (CST, UTC−6).
    expect(timeWithSeconds('2026-11-26T14:31:05.000Z', CHICAGO)).toBe('8:31:05 AM');
    expect(timeWithSeconds('2026-11-26T23:00:00.000Z', 'America/New_York')).toBe('6:00:00 PM');
  });

  it('names the day of a date separator as it is in the trading zone, not in UTC', () => {
    // 03:00 UTC on Nov 27 is still the evening of Thursday Nov 26 in Chicago.
    expect(dayLabel('2026-11-27T03:00:00.000Z', CHICAGO)).toBe('Thu Nov 26');
    expect(dayKey('2026-11-27T03:00:00.000Z', CHICAGO)).toBe('2026-11-26');
    expect(dayKey('2026-11-27T06:00:00.000Z', CHICAGO)).toBe('2026-11-27');
  });

  it('writes an axis time without seconds', () => {
    expect(clockTime(Date.parse('2026-11-26T14:30:00.000Z'), CHICAGO)).toBe('8:30 AM');
  });

  it('names the zone as a trader writes it', () => {
    const at = Date.parse('2026-11-26T14:30:00.000Z');
    expect(zoneName(CHICAGO, at)).toBe('CT');
    expect(zoneName('America/New_York', at)).toBe('ET');
    expect(zoneName('UTC', at)).toBe('UTC');
  });
});

describe('the countdown of an imminent action', () => {
  const now = Date.parse('2026-11-26T14:30:00.000Z');
  it.each([
    ['2026-11-26T14:30:06.000Z', '6 s'],
    ['2026-11-26T14:30:05.200Z', '6 s'],
    ['2026-11-26T14:29:00.000Z', '0 s'],
    ['2026-11-26T14:35:05.000Z', '5 min 05 s'],
    ['2026-11-26T15:42:00.000Z', '1 h 12 min'],
  ])('until %s reads "%s"', (until, text) => {
    expect(secondsLeft(until, now)).toBe(text);
  });

  it.each([
    ['2026-11-26T14:29:54.800Z', '5 s'],
    ['2026-11-26T14:26:40.000Z', '3 min 20 s'],
    ['2026-11-26T12:25:00.000Z', '2 h 05 min'],
    ['2026-11-26T14:30:09.000Z', '0 s'],
  ])('a figure from %s is "%s" old (whole seconds passed; a clock behind reads 0 s)', (from, text) => {
    expect(age(from, now)).toBe(text);
  });
});

describe('the chart axis', () => {
  it('signs money ticks like the figures beside the chart', () => {
    expect(axisMoney(-500)).toBe('-$500');
    expect(axisMoney(1000)).toBe('+$1,000');
    expect(axisMoney(0)).toBe('$0');
    expect(axisMoney(-12.5)).toBe('-$12.50');
  });

  it('covers the loss limit and the P&L with round steps', () => {
    expect(niceTicks(-500, 120)).toEqual([-600, -400, -200, 0, 200]);
    expect(niceTicks(-500, 1000)).toEqual([-500, 0, 500, 1000]);
    expect(niceTicks(-86.4, 0)).toEqual([-100, -75, -50, -25, 0]);
  });
});
