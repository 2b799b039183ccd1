/**
 * CME US holidays with no regular equity-futures session, 2026–2027 (New Year, Martin Luther King
 * Jr. Day, Presidents Day, Good Friday, Memorial Day, Juneteenth, Independence Day, Labor Day,
 * Thanksgiving, Christmas; observed dates where the holiday falls on a weekend). The default for
 * RULE-009's `holidays`; extend it in the config for later years. Each has its name, so a lock
 * that skips one can say why (`holidayName`).
 */
export const CME_HOLIDAY_NAMES: ReadonlyMap<string, string> = new Map([
  ['2026-01-01', "New Year's Day"],
  ['2026-01-19', 'Martin Luther King Jr. Day'],
  ['2026-02-16', "Presidents' Day"],
  ['2026-04-03', 'Good Friday'],
  ['2026-05-25', 'Memorial Day'],
  ['2026-06-19', 'Juneteenth'],
  ['2026-07-03', 'Independence Day (observed)'],
  ['2026-09-07', 'Labor Day'],
  ['2026-11-26', 'Thanksgiving'],
  ['2026-12-25', 'Christmas'],
  ['2027-01-01', "New Year's Day"],
  ['2027-01-18', 'Martin Luther King Jr. Day'],
  ['2027-02-15', "Presidents' Day"],
  ['2027-03-26', 'Good Friday'],
  ['2027-05-31', 'Memorial Day'],
  ['2027-06-18', 'Juneteenth (observed)'],
  ['2027-07-05', 'Independence Day (observed)'],
  ['2027-09-06', 'Labor Day'],
  ['2027-11-25', 'Thanksgiving'],
  ['2027-12-24', 'Christmas (observed)'],
]);

export const CME_HOLIDAYS_2026_2027: readonly string[] = [...CME_HOLIDAY_NAMES.keys()];

/** The product groups whose early closes Risk Warden knows: a trading session follows the equity index close. */
export type ProductGroup = 'equity_index';

/** A half day: the exchange closes early on `date`, at a wall-clock time in Chicago that depends on the product. */
export interface EarlyClose {
  date: string;
  occasion: string;
  /** "HH:MM" in `CME_TIMEZONE`, per product group. */
  closes: Record<ProductGroup, string>;
}

/** CME publishes its hours in Central time; an early close is the same instant whatever the trader's timezone. */
export const CME_TIMEZONE = 'America/Chicago';

/**
 * CME Globex early closes, 2026–2027: the one table of half days. Equity index futures (ES, NQ,
 * RTY, YM and their micros) stop at 12:15 CT, fifteen minutes after the US stock market's 1:00 PM ET
 * early close. Source: the CME Group Holiday Calendar (cmegroup.com/tools-information/holiday-calendar.html,
 * trading hours per product and holiday) and NYSE's published early closes; check both each year.
 * - The day after Thanksgiving: Fri 2026-11-27, Fri 2027-11-26.
 * - Christmas Eve: Thu 2026-12-24. In 2027 Christmas falls on a Saturday and Fri 2027-12-24 is the
 *   observed holiday (closed, in the holiday list), so there is no half day.
 * - July 3 is a half day only when July 4 falls on a Tuesday to Friday (a Mon–Thu July 3 before it);
 *   in 2026 July 3 is the observed holiday itself (July 4 is a Saturday) and in 2027 July 4 is a
 *   Sunday (observed Monday July 5), so neither year has one.
 * - New Year's Eve: a full session in both years (Dec 31, 2026 is a Thursday; in 2027 New Year's Day
 *   falls on a Saturday and is not observed on the Friday).
 * Other product groups (interest rates, FX, energy, metals, grains close at 12:00 to 12:45 CT on
 * these days) are not listed: add a column here, from CME's calendar, before a rule reads them.
 */
export const CME_EARLY_CLOSES_2026_2027: readonly EarlyClose[] = [
  { date: '2026-11-27', occasion: 'day after Thanksgiving', closes: { equity_index: '12:15' } },
  { date: '2026-12-24', occasion: 'Christmas Eve', closes: { equity_index: '12:15' } },
  { date: '2027-11-26', occasion: 'day after Thanksgiving', closes: { equity_index: '12:15' } },
];

/** One day the exchange closes early: `close` ("HH:MM") on `date`, both in `timezone`. */
export interface SessionEarlyClose {
  date: string;
  close: string;
  timezone: string;
}

/** The early closes of one product group, as a session calendar reads them. */
export function earlyClosesOf(product: ProductGroup, table: readonly EarlyClose[] = CME_EARLY_CLOSES_2026_2027): SessionEarlyClose[] {
  return table.map((entry) => ({ date: entry.date, close: entry.closes[product], timezone: CME_TIMEZONE }));
}

/** "Thanksgiving" for 2026-11-26: the name of a shipped CME holiday, undefined for any other date. */
export function holidayName(date: string): string | undefined {
  return CME_HOLIDAY_NAMES.get(date);
}
