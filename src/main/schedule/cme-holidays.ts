/**
 * CME US holidays with no regular equity-futures session, 2026–2027 (New Year, Martin Luther King
 * Jr. Day, Presidents Day, Good Friday, Memorial Day, Juneteenth, Independence Day, Labor Day,
 * Thanksgiving, Christmas; observed dates where the holiday falls on a weekend). The default for
 * RULE-009's `holidays`; extend it in the config for later years.
 */
export const CME_HOLIDAYS_2026_2027: readonly string[] = [
  '2026-01-01',
  '2026-01-19',
  '2026-02-16',
  '2026-04-03',
  '2026-05-25',
  '2026-06-19',
  '2026-07-03',
  '2026-09-07',
  '2026-11-26',
  '2026-12-25',
  '2027-01-01',
  '2027-01-18',
  '2027-02-15',
  '2027-03-26',
  '2027-05-31',
  '2027-06-18',
  '2027-07-05',
  '2027-09-06',
  '2027-11-25',
  '2027-12-24',
];
