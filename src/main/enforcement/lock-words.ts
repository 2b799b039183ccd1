/** How the timeline words a lock and the rule behind it, the same wherever a lock is made. */
import { wallClock } from '../../shared/time-format';

/** "Max contracts" → "max contracts": a rule's title named after a colon in running text. */
export function inText(title: string): string {
  return `${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

/** "until 5:00 PM CT" today, "until Mon Nov 30, 8:30 AM CT" another day, or "until an administrator unlocks it". */
export function untilWords(until: string | null, timeZone: string, now: number): string {
  return until === null ? 'until an administrator unlocks it' : `until ${wallClock(until, timeZone, now)}`;
}

/** The timeline's title of a new lock: "Locked until 5:00 PM CT: daily realized loss". */
export function lockedTitle(until: string | null, ruleTitle: string, timeZone: string, now: number): string {
  return `Locked ${untilWords(until, timeZone, now)}: ${inText(ruleTitle)}`;
}
