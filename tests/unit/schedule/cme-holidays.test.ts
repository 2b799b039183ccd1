import { describe, expect, it } from 'vitest';
import { REGULAR_HOURS } from '../../helpers/sessions';

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
  ])('has no session on %s, %s', (_name, date) => {
    expect(rth.current(tenAm(date))).toBeNull();
  });

  it('has the session on an ordinary weekday around them', () => {
    for (const date of ['2026-11-24', '2026-12-23', '2027-07-06']) expect(rth.current(tenAm(date))).not.toBeNull();
  });
});
