/** Times as traders read them, shared by the dashboard, the tray, the timeline and the audit log. */
import { dateTimeFormat } from './date-time-format';

interface WallParts {
  /** "2026-11-30": the calendar day in the zone, to tell today from another day. */
  date: string;
  /** "Mon Nov 30" */
  day: string;
  /** "8:30 AM" */
  time: string;
  /** "CT" */
  zone: string;
}

function formatter(timeZone: string, timeZoneName: 'shortGeneric' | 'short'): Intl.DateTimeFormat {
  return dateTimeFormat({
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZoneName,
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The zone's name at `ms` as a trader writes it: "CT", "ET", "MST"; where the generic name is a
 * phrase ("United Kingdom Time") or an offset ("GMT+0"), the specific name instead ("GMT", "UTC", "GMT+1").
 */
export function zoneName(timeZone: string, ms: number): string {
  const nameIn = (style: 'shortGeneric' | 'short') =>
    formatter(timeZone, style)
      .formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const generic = nameIn('shortGeneric');
  return /^[A-Z]{2,5}$/.test(generic) ? generic : nameIn('short') || generic;
}

function partsAt(ms: number, timeZone: string): WallParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter(timeZone, 'shortGeneric').formatToParts(ms)) parts[part.type] = part.value;
  const zone = zoneName(timeZone, ms);
  const month = String(MONTHS.indexOf(parts.month ?? '') + 1).padStart(2, '0');
  return {
    date: `${parts.year}-${month}-${String(parts.day).padStart(2, '0')}`,
    day: `${parts.weekday} ${parts.month} ${parts.day}`,
    time: `${parts.hour}:${parts.minute} ${parts.dayPeriod}`,
    zone,
  };
}

/**
 * A moment in the trading timezone, 12-hour as TopstepX shows it: "5:00 PM CT" when it falls on the
 * same calendar day (in that zone) as `now`, "Mon Nov 30, 8:30 AM CT" on any other day. Without
 * `now` (a text read later, such as the audit log) the day is always named.
 */
export function wallClock(iso: string, timeZone: string, now?: number): string {
  const at = partsAt(Date.parse(iso), timeZone);
  const sameDay = now !== undefined && partsAt(now, timeZone).date === at.date;
  return sameDay ? `${at.time} ${at.zone}` : `${at.day}, ${at.time} ${at.zone}`;
}

export function countdown(untilIso: string, now: number): string {
  const total = Math.max(0, Math.round((Date.parse(untilIso) - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s).padStart(2, '0')}s`;
}
