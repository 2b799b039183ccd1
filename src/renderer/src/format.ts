import { dateTimeFormat } from '../../shared/date-time-format';

export { money, signedMoney } from '../../shared/money';
export { countdown, wallClock, zoneName } from '../../shared/time-format';

export function tone(value: number): 'gain' | 'loss' | 'flat' {
  if (value > 0) return 'gain';
  if (value < 0) return 'loss';
  return 'flat';
}

function partsOf(ms: number, options: Intl.DateTimeFormatOptions): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of dateTimeFormat(options).formatToParts(ms)) parts[part.type] = part.value;
  return parts;
}

/** "8:31:05 AM" in the trading timezone: a timeline entry's time, the zone named once in the heading. */
export function timeWithSeconds(iso: string, timeZone: string): string {
  const p = partsOf(Date.parse(iso), { timeZone, hour: 'numeric', minute: '2-digit', second: '2-digit', hour12: true });
  return `${p.hour}:${p.minute}:${p.second} ${p.dayPeriod}`;
}

/** "8:30 AM" in the trading timezone, for a chart's time axis. */
export function clockTime(ms: number, timeZone: string): string {
  const p = partsOf(ms, { timeZone, hour: 'numeric', minute: '2-digit', hour12: true });
  return `${p.hour}:${p.minute} ${p.dayPeriod}`;
}

/** "Thu Nov 26": the calendar day in the trading timezone, for a date separator. */
export function dayLabel(iso: string, timeZone: string): string {
  const p = partsOf(Date.parse(iso), { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
  return `${p.weekday} ${p.month} ${p.day}`;
}

/** "2026-11-26": the calendar day in the trading timezone, to tell when the day changes. */
export function dayKey(iso: string, timeZone: string): string {
  const p = partsOf(Date.parse(iso), { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/** A short countdown for an imminent action: "6 s", "4 min 05 s", "1 h 12 min" (a second begun still counts). */
export function secondsLeft(untilIso: string, now: number): string {
  return shortDuration(Math.ceil((Date.parse(untilIso) - now) / 1000));
}

/** How old a figure is: "5 s", "3 min 20 s", "2 h 05 min" (whole seconds passed). */
export function age(fromIso: string, now: number): string {
  return shortDuration(Math.floor((now - Date.parse(fromIso)) / 1000));
}

function shortDuration(seconds: number): string {
  const total = Math.max(0, seconds);
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(total % 60).padStart(2, '0')} s`;
}

/** Money for an axis tick, signed as the figures beside it: "-$500", "+$1,000", "$0"; cents only when a tick has them. */
export function axisMoney(value: number): string {
  const whole = Number.isInteger(value);
  const text = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(value);
  return value > 0 ? `+${text}` : text;
}

/** Round steps (1, 2, 2.5, 5 × 10ⁿ) covering [low, high] with about `count` ticks. */
export function niceTicks(low: number, high: number, count = 5): number[] {
  const span = high - low || Math.abs(high) || 1;
  const raw = span / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= high + step * 1e-9; v += step) ticks.push(Math.round(v * 100) / 100);
  if (ticks.at(-1)! < high) ticks.push(Math.round((ticks.at(-1)! + step) * 100) / 100);
  return ticks;
}
