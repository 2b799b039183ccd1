/** The CME equity regular trading hours in Chicago, weekdays, with the exchange's holidays: the session most tests trade in. */
import { CME_HOLIDAYS_2026_2027 } from '../../src/main/schedule/cme-holidays';
import { sessionClock } from '../../src/main/schedule/session';

export const REGULAR_HOURS = sessionClock({
  timezone: 'America/Chicago',
  start: '08:30',
  end: '15:00',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: CME_HOLIDAYS_2026_2027,
});
