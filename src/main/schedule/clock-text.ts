/** Session hours as a trader reads them: "8:30 AM–3:00 PM CT", "Mon–Fri". */
import { zoneName } from '../../shared/time-format';
import { WEEKDAYS, type Weekday } from './session';

/** "08:30" → "8:30 AM", "15:00" → "3:00 PM", "00:00" → "12:00 AM". */
export function twelveHour(hhmm: string): string {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  const period = hour < 12 ? 'AM' : 'PM';
  return `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, '0')} ${period}`;
}

/** "8:30 AM–3:00 PM CT": a session's configured hours, with the zone's name at `at`. */
export function hoursText(start: string, end: string, timeZone: string, at: number): string {
  return `${twelveHour(start)}–${twelveHour(end)} ${zoneName(timeZone, at)}`;
}

const DAY_NAMES: Record<Weekday, string> = { sun: 'Sun', mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat' };

/** "Mon–Fri" for a run of three or more days in week order, else the days listed: "Mon, Wed, Fri". */
export function daysText(days: readonly Weekday[]): string {
  const sorted = WEEKDAYS.filter((day) => days.includes(day));
  const first = WEEKDAYS.indexOf(sorted[0]!);
  const run = sorted.every((day, i) => WEEKDAYS.indexOf(day) === first + i);
  if (run && sorted.length >= 3) return `${DAY_NAMES[sorted[0]!]}–${DAY_NAMES[sorted.at(-1)!]}`;
  return sorted.map((day) => DAY_NAMES[day]).join(', ');
}
