/**
 * Session windows in wall-clock time of the trading timezone: a start and end time, the weekdays
 * a session may start on, and holidays when it does not. An end at or before the start is an
 * overnight session that ends the next day. On an exchange half day the session ends at the early
 * close, and one that would start after it that day does not start. DST comes from the timezone,
 * not from offsets.
 */
import { earlyClosesOf, type SessionEarlyClose } from './cme-holidays';
import type { SessionClock } from './session-clock';
import { addDays, utcOfWallTime, wallTimeAt, type WallTime } from './timezone';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface SessionWindow {
  timezone: string;
  start: string;
  end: string;
  days: readonly Weekday[];
  holidays: readonly string[];
  /** The exchange's half days; absent = CME's equity index early closes shipped with Risk Warden. */
  earlyCloses?: readonly SessionEarlyClose[];
}

function minutesOf(hhmm: string): [number, number] {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return [h, m];
}

/** "2026-11-24": a wall-clock date as the store and the holiday list write it. */
export function dateKey(day: WallTime): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

export function sessionClock(window: SessionWindow): SessionClock {
  const [startH, startM] = minutesOf(window.start);
  const [endH, endM] = minutesOf(window.end);
  const overnight = endH * 60 + endM <= startH * 60 + startM;
  const days = new Set(window.days);
  const holidays = new Set(window.holidays);
  /** Each half day as [early close, end of that calendar day], instants in the exchange's timezone. */
  const halfDays = (window.earlyCloses ?? earlyClosesOf('equity_index')).map((entry) => {
    const [year, month, day] = entry.date.split('-').map(Number) as [number, number, number];
    const [hour, minute] = minutesOf(entry.close);
    const date = { year, month, day, hour: 0, minute: 0 };
    return {
      close: utcOfWallTime({ ...date, hour, minute }, entry.timezone),
      dayEnd: utcOfWallTime(addDays(date, 1), entry.timezone),
    };
  });

  /** A session cut short by a half day: it ends at the early close, or does not start after it. */
  const shortened = (session: { start: number; end: number }): { start: number; end: number } | null => {
    for (const { close, dayEnd } of halfDays) {
      if (session.start < close && close < session.end) return { start: session.start, end: close };
      if (close <= session.start && session.start < dayEnd) return null;
    }
    return session;
  };

  /** The session that starts on this calendar day, if the day has one. */
  const sessionOn = (day: WallTime): { start: number; end: number } | null => {
    const weekday = WEEKDAYS[new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()]!;
    if (!days.has(weekday) || holidays.has(dateKey(day))) return null;
    const start = utcOfWallTime({ ...day, hour: startH, minute: startM }, window.timezone);
    const end = utcOfWallTime({ ...(overnight ? addDays(day, 1) : day), hour: endH, minute: endM }, window.timezone);
    return shortened({ start, end });
  };

  const find = (now: number): { start: number; end: number } | null => {
    const today = wallTimeAt(now, window.timezone);
    for (const offset of [0, -1]) {
      const session = sessionOn(addDays(today, offset));
      if (session && session.start <= now && now < session.end) return session;
    }
    return null;
  };
  const findNextStart = (now: number): number => {
    const today = wallTimeAt(now, window.timezone);
    for (let offset = 0; offset <= 366; offset++) {
      const session = sessionOn(addDays(today, offset));
      if (session && session.start > now) return session.start;
    }
    throw new Error(`no session starts within a year of ${new Date(now).toISOString()}: check the session days`);
  };

  // Rules ask on every quote; timezone arithmetic is slow, and the answer holds until time leaves
  // the session (or the gap before the next one), so both are remembered.
  let lastSession: { start: number; end: number } | null = null;
  let lastGap: { from: number; until: number } | null = null;
  const inGap = (now: number) => lastGap !== null && lastGap.from <= now && now < lastGap.until;

  return {
    current(now) {
      if (lastSession && lastSession.start <= now && now < lastSession.end) return lastSession;
      if (inGap(now)) return null;
      const session = find(now);
      if (session) lastSession = session;
      else lastGap = { from: now, until: findNextStart(now) };
      return session;
    },
    nextStart(now) {
      return inGap(now) ? lastGap!.until : findNextStart(now);
    },
  };
}
