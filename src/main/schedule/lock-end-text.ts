/**
 * When a lock ends, as the banner says it: "8:30 AM CT" today, "Fri Nov 27, 8:30 AM CT" another
 * day, and why whole days pass before it: "Mon Nov 30, 8:30 AM CT (Thanksgiving: market closed; weekend)".
 */
import type { LockoutKind } from '../../shared/contract';
import { wallClock } from '../../shared/time-format';
import { CME_EARLY_CLOSES_2026_2027, holidayName } from './cme-holidays';
import { dateKey } from './session';
import { addDays, wallTimeAt, type WallTime } from './timezone';

/**
 * The lock's end in words; `now` drops the day when it is today (in `timeZone`). Only a lock that
 * ends at the next chance to trade says why days pass first: a cooldown, a chosen time and the
 * weekly reset end when they end, across trading days.
 */
export function lockEndText(until: number, now: number, timeZone: string, kind: LockoutKind): string {
  const when = wallClock(new Date(until).toISOString(), timeZone, now);
  if (kind === 'untilWeeklyReset') return `${when} (the new trading week)`;
  if (kind !== 'untilReset' && kind !== 'untilSessionStart') return when;
  const why = skippedDays(now, until, timeZone);
  return why.length === 0 ? when : `${when} (${why.join('; ')})`;
}

/**
 * Why each whole calendar day strictly between `from`'s day and `until`'s day has no trading, once
 * each, in order: a CME holiday by name, a CME half day whose session would start after its early
 * close, the weekend, or "no session" (a weekday the session skips). Today is named too when it is
 * a holiday or a weekend day: on Thanksgiving morning "until Fri 8:30 AM" alone reads as a mistake.
 */
export function skippedDays(from: number, until: number, timeZone: string): string[] {
  const last = dateKey(wallTimeAt(until, timeZone));
  const today = wallTimeAt(from, timeZone);
  const reasons: string[] = [];
  const todays = reasonFor(today);
  if (dateKey(today) < last && (holidayName(dateKey(today)) || todays === 'weekend')) reasons.push(todays);
  let day: WallTime = addDays(today, 1);
  for (let guard = 0; dateKey(day) < last && guard < 366; guard++, day = addDays(day, 1)) {
    const reason = reasonFor(day);
    if (!reasons.includes(reason)) reasons.push(reason);
  }
  return reasons;
}

function reasonFor(day: WallTime): string {
  const holiday = holidayName(dateKey(day));
  if (holiday) return `${holiday}: market closed`;
  const halfDay = CME_EARLY_CLOSES_2026_2027.find((entry) => entry.date === dateKey(day));
  if (halfDay) return `${halfDay.occasion}: early close`;
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return weekday === 0 || weekday === 6 ? 'weekend' : 'no session';
}
