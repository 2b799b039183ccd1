/**
 * The trading week: from its first session to the next week's first session. A week's trading days
 * are those whose name (the date they end on, see trading-day.ts) falls in one Monday–Sunday week;
 * its first session is the first of them on a weekday that is not a CME holiday. So the week
 * starts Sunday at the daily reset, or Monday at the reset when Monday is a holiday (the Sunday
 * evening before an exchange holiday then still belongs to the week before), DST included.
 */
import { holidayName } from './cme-holidays';
import { dateKey } from './session';
import { addDays, utcOfWallTime, wallTimeAt, type WallTime } from './timezone';
import { tradingDayAt, type TradingDaySchedule } from './trading-day';

export interface TradingWeek {
  start: number;
  end: number;
  /** The name of the week's first trading day ("2026-11-23"): fills stored under it or later days belong to this week. */
  firstDay: string;
  /** The name of the next week's first trading day: fills from it on belong to the next week. */
  nextFirstDay: string;
}

/** How many days a week's first trading day may be pushed back by holidays before the search gives up (a whole week closed). */
const WEEKDAYS = 5;

export function tradingWeekAt(now: number, schedule: TradingDaySchedule): TradingWeek {
  const today = tradingDayAt(now, schedule);
  const monday = mondayOf(wallTimeAt(today.end, schedule.timezone));
  const first = firstTradingDay(monday);
  if (now < startOf(first, schedule)) {
    const previous = firstTradingDay(addDays(monday, -7));
    return weekOf(previous, first, schedule);
  }
  return weekOf(first, firstTradingDay(addDays(monday, 7)), schedule);
}

function weekOf(first: WallTime, next: WallTime, schedule: TradingDaySchedule): TradingWeek {
  return { start: startOf(first, schedule), end: startOf(next, schedule), firstDay: dateKey(first), nextFirstDay: dateKey(next) };
}

/** A trading day named `day` starts at the daily reset of the calendar day before. */
function startOf(day: WallTime, schedule: TradingDaySchedule): number {
  const [hour, minute] = schedule.resetTime.split(':').map(Number) as [number, number];
  return utcOfWallTime({ ...addDays(day, -1), hour, minute }, schedule.timezone);
}

function mondayOf(day: WallTime): WallTime {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return { ...addDays(day, -((weekday + 6) % 7)), hour: 0, minute: 0 };
}

function firstTradingDay(monday: WallTime): WallTime {
  for (let offset = 0; offset < WEEKDAYS; offset++) {
    const day = addDays(monday, offset);
    if (holidayName(dateKey(day)) === undefined) return day;
  }
  return monday;
}
