/** How the weekly limits say when their week ends. */
import { wallClock } from '../../../shared/time-format';
import type { WeekBefore } from '../week-totals';

/** "; resets Sun Nov 29, 5:00 PM CT" (the time alone when that is today); nothing before the pipeline has set the week. */
export function weekResetText(week: WeekBefore, now: number, timezone: string): string {
  return week.end === null ? '' : `; resets ${wallClock(new Date(week.end).toISOString(), timezone, now)}`;
}
