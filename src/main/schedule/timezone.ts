/** Wall-clock ⇄ UTC conversion for an IANA zone via Intl, DST included. */
import { dateTimeFormat } from '../../shared/date-time-format';

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat({
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

export function wallTimeAt(utcMs: number, timeZone: string): WallTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(utcMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

function offsetAt(utcMs: number, timeZone: string): number {
  const w = wallTimeAt(utcMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of a wall time in the zone. A wall time that does not exist (spring-forward gap)
 * resolves to the instant after the gap; an ambiguous one (fall-back) to its first occurrence.
 */
export function utcOfWallTime(wall: WallTime, timeZone: string): number {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = naive - offsetAt(naive, timeZone);
  const second = naive - offsetAt(first, timeZone);
  if (first === second) return first;
  const earlier = Math.min(first, second);
  const earlierWall = wallTimeAt(earlier, timeZone);
  return earlierWall.hour === wall.hour && earlierWall.minute === wall.minute ? earlier : Math.max(first, second);
}

/** The calendar day `days` after the given one (month and year roll over). */
export function addDays(wall: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
