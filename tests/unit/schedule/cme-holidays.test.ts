import { describe, expect, it } from 'vitest';
import { REGULAR_HOURS } from '../../helpers/sessions';
import { CME_EARLY_CLOSES_2026_2027, CME_HOLIDAYS_2026_2027, earlyClosesOf, holidayName } from '../../../src/main/schedule/cme-holidays';

const rth = REGULAR_HOURS;
/** 10:00 in Chicago on that date (16:00 UTC in winter, 15:00 UTC in summer). */
const tenAm = (date: string) => Date.parse(`${date}T10:00:00-0${isSummer(date) ? 5 : 6}:00`);
const isSummer = (date: string) => date >= `${date.slice(0, 4)}-03-14` && date < `${date.slice(0, 4)}-11-07`;

/** The exchange's calendar, by name: a trader relies on RULE-009 knowing these days are closed. */
describe('the shipped CME holiday calendar', () => {
  it.each([
    ["New Year's Day", '2026-01-01'],
    ['Martin Luther King Jr. Day', '2026-01-19'],
    ["Presidents' Day", '2026-02-16'],
    ['Good Friday', '2026-04-03'],
    ['Memorial Day', '2026-05-25'],
    ['Juneteenth', '2026-06-19'],
    ['Independence Day (observed)', '2026-07-03'],
    ['Labor Day', '2026-09-07'],
    ['Thanksgiving', '2026-11-26'],
    ['Christmas', '2026-12-25'],
    ["New Year's Day", '2027-01-01'],
    ['Martin Luther King Jr. Day', '2027-01-18'],
    ["Presidents' Day", '2027-02-15'],
    ['Good Friday', '2027-03-26'],
    ['Memorial Day', '2027-05-31'],
    ['Juneteenth (observed)', '2027-06-18'],
    ['Independence Day (observed)', '2027-07-05'],
    ['Labor Day', '2027-09-06'],
    ['Thanksgiving', '2027-11-25'],
    ['Christmas (observed)', '2027-12-24'],
  ])('has no session on %s, %s, and knows it by that name', (name, date) => {
    expect(rth.current(tenAm(date))).toBeNull();
    expect(holidayName(date)).toBe(name);
  });

  it('names no other day a holiday', () => {
    expect(holidayName('2026-11-27')).toBeUndefined();
    expect(CME_HOLIDAYS_2026_2027).toHaveLength(20);
  });

  it('has the session on an ordinary weekday around them', () => {
    for (const date of ['2026-11-24', '2026-12-23', '2027-07-06']) expect(rth.current(tenAm(date))).not.toBeNull();
  });
});

describe('the shipped CME early closes (half days)', () => {
  it.each([
    ['the day after Thanksgiving', '2026-11-27'],
    ['Christmas Eve', '2026-12-24'],
    ['the day after Thanksgiving', '2027-11-26'],
  ])('ends the session at 12:15 CT on %s, %s', (_name, date) => {
    expect(rth.current(tenAm(date))).not.toBeNull();
    expect(rth.current(tenAm(date) + (2 * 60 + 15) * 60_000 - 1)).not.toBeNull(); // 12:14:59.999
    expect(rth.current(tenAm(date) + (2 * 60 + 15) * 60_000)).toBeNull(); // 12:15
  });

  it('lists each half day once, on a weekday that is not a holiday, with an equity index close', () => {
    const dates = CME_EARLY_CLOSES_2026_2027.map((entry) => entry.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const date of dates) {
      expect(CME_HOLIDAYS_2026_2027).not.toContain(date);
      expect([1, 2, 3, 4, 5]).toContain(new Date(`${date}T12:00:00Z`).getUTCDay());
    }
    expect(earlyClosesOf('equity_index').map((entry) => entry.close)).toEqual(['12:15', '12:15', '12:15']);
  });

  it('has no half day on the days that are full sessions: New Year\u2019s Eve and July 2 in 2026 and 2027', () => {
    for (const date of ['2026-12-31', '2027-12-31', '2026-07-02', '2027-07-02']) {
      expect(rth.current(tenAm(date) + 4 * 3_600_000)).not.toBeNull(); // 14:00 CT
    }
  });
});
