/** The trading day: from one daily reset (e.g. 17:00 America/Chicago) to the next, DST-correct. */
import { dateKey } from './session';
import { addDays, utcOfWallTime, wallTimeAt } from './timezone';

export interface TradingDaySchedule {
  timezone: string;
  /** "HH:MM" wall-clock time of the daily reset. */
  resetTime: string;
}

export interface TradingDay {
  start: number;
  end: number;
}

export function tradingDayAt(now: number, schedule: TradingDaySchedule): TradingDay {
  const [hour, minute] = schedule.resetTime.split(':').map(Number) as [number, number];
  const today = { ...wallTimeAt(now, schedule.timezone), hour, minute };
  const resetToday = utcOfWallTime(today, schedule.timezone);
  if (resetToday <= now) {
    return { start: resetToday, end: utcOfWallTime(addDays(today, 1), schedule.timezone) };
  }
  return { start: utcOfWallTime(addDays(today, -1), schedule.timezone), end: resetToday };
}

/** The trading day's name, "2026-11-24": the date it ends on in its timezone (a day that starts Sunday evening is Monday's). */
export function dayLabel(day: TradingDay, timezone: string): string {
  return dateKey(wallTimeAt(day.end, timezone));
}
