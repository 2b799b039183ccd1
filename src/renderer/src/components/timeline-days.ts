import type { TimelineEntry } from '../../../shared/contract';
import { dayKey, dayLabel } from '../format';

/** Newest first, with the day named above each day's entries. */
export function byDay(entries: readonly TimelineEntry[], timeZone: string): { day: string; label: string; entries: TimelineEntry[] }[] {
  const days: { day: string; label: string; entries: TimelineEntry[] }[] = [];
  for (const entry of [...entries].reverse()) {
    const day = dayKey(entry.at, timeZone);
    const last = days.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, label: dayLabel(entry.at, timeZone), entries: [entry] });
  }
  return days;
}
