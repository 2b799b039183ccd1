/**
 * Locks that no rule asked for: the trader's own self-lockout and the kill switch. Their ids stand
 * where a rule id stands in a lock record; these are the titles the lock banner and the timeline name them by.
 */
export const SELF_LOCK = 'SELF-LOCK';
export const KILL_SWITCH = 'KILL-SWITCH';

const TITLES: Readonly<Record<string, string>> = { [SELF_LOCK]: 'Self-lockout', [KILL_SWITCH]: 'Kill switch' };

/** The title of a lock the trader asked for, or null when a rule locked. */
export function nonRuleTitle(ruleId: string): string | null {
  return Object.hasOwn(TITLES, ruleId) ? TITLES[ruleId]! : null;
}

/** Who holds a lock, as the banner and the timeline name it: the armed rule's title, the trader's own lock, or its id. */
export function lockHolderTitle(ruleId: string, ruleTitle: (ruleId: string) => string | null | undefined): string {
  return ruleTitle(ruleId) ?? nonRuleTitle(ruleId) ?? ruleId;
}
