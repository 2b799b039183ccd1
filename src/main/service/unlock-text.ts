/** The words an admin unlock is told in: the dialog's two choices before approval, the result, the rule's card. */
import type { UnlockPreview } from '../../shared/contract';
import { money } from '../../shared/money';
import { wallClock } from '../../shared/time-format';
import type { FreshLimit } from '../engine/rule-engine';
import type { RuleOverride } from '../engine/rule-overrides';

/** "Daily realized loss locks again at −$1,020.00 (a further −$500.00 from −$520.00 now)". */
export function resumeEffect({ rule, baseline, resumed }: FreshLimit): string | null {
  if (!resumed) return null;
  if (rule.unit === 'usd') {
    return `${rule.title} locks again at ${money(resumed.limit)} (a further ${money(resumed.limit - baseline.value)} from ${money(baseline.value)} now)`;
  }
  return `${rule.title} counts again from now and locks again past its limit (${resumed.summary ?? `${resumed.value} of ${resumed.limit}`})`;
}

export function resumeUnavailable(title: string): string {
  return `${title} can only be suspended: its figure is not a running total of the day, so there is no fresh limit to count from`;
}

/** "Daily realized loss will not lock this account again until 17:00 CST (the daily reset); the other rules stay on". */
export function suspendEffect(title: string, dayEnd: number, timeZone: string, now: number): string {
  return `${title} will not lock this account again until ${wallClock(new Date(dayEnd).toISOString(), timeZone, now)} (the daily reset); the other rules stay on`;
}

export function unlockPreview(fresh: FreshLimit, dayEnd: number, timeZone: string, now: number): UnlockPreview {
  const resume = resumeEffect(fresh);
  return {
    ruleId: fresh.rule.id,
    ruleTitle: fresh.rule.title,
    resume,
    resumeUnavailable: resume === null ? resumeUnavailable(fresh.rule.title) : null,
    suspend: suspendEffect(fresh.rule.title, dayEnd, timeZone, now),
  };
}

/** What a rule's card, the header and the tray say of an override in force on it; `now` drops the day when it is today. */
export function overrideText(override: RuleOverride, timeZone: string, now: number): string {
  const at = (ms: number) => wallClock(new Date(ms).toISOString(), timeZone, now);
  if (override.mode === 'suspend') {
    return `suspended until ${at(override.until)} (admin unlock at ${at(override.grantedAt)}, reason: ${override.reason})`;
  }
  return `fresh limit since the admin unlock at ${at(override.grantedAt)} (reason: ${override.reason})`;
}
