/**
 * Which timeline entries deserve an alert, and in what words: every breach, every lock, and every
 * position Risk Warden closed or reduced (or failed to act on) — each once, and none of those already
 * there when the dashboard opened. The same choice as the desktop notifications of main
 * (src/main/desktop/notifications.ts), plus enforcement's closes; it imports only the shared contract
 * so both can use one copy once it moves to src/shared.
 */
import type { Snapshot, TimelineEntry } from '../../../shared/contract';
import { stepNotice, stepPercent, type StepCrossing } from '../../../shared/rules';

/**
 * Enforcement outcomes a trader must hear about: a position closed or reduced ("Closed MNQ (6 contracts):
 * max contracts"), or an action that failed (tone bad, "Could not close …"); not a cancelled order.
 */
const CLOSE_OR_FAILURE = /^(Closed|Reduced|Could not)\b/;

export function alertWorthy(entry: TimelineEntry): boolean {
  if (entry.kind === 'breach' || entry.kind === 'lockout') return true;
  return entry.kind === 'enforcement' && (entry.tone === 'bad' || CLOSE_OR_FAILURE.test(entry.title));
}

/**
 * The entries of one service's snapshots not alerted yet, oldest first. Entries in the first
 * snapshot seen were there before (history); a service started again numbers its timeline from 1,
 * so a newest id lower than the last one seen starts a new feed.
 */
export class AlertFeed {
  private seenUpTo: number | null = null;

  fresh(snapshot: Snapshot): TimelineEntry[] {
    const newest = Math.max(0, ...snapshot.timeline.map((entry) => entry.id));
    const seenUpTo = this.seenUpTo;
    this.seenUpTo = newest;
    if (seenUpTo === null || newest < seenUpTo) return [];
    return snapshot.timeline.filter((entry) => entry.id > seenUpTo && alertWorthy(entry)).sort((a, b) => a.id - b.id);
  }
}

export interface AlertText {
  /** "PRAC-V2-RW-DEMO-50K: Locked until 5:00 PM CT" */
  title: string;
  body: string;
  /** One per entry: a second tab of the dashboard replaces the alert instead of repeating it. */
  tag: string;
}

/** The alert for an entry, naming the account it concerns. */
export function alertText(entry: TimelineEntry, snapshot: Snapshot): AlertText {
  const account =
    entry.accountId === null ? null : (snapshot.accounts.find((a) => a.id === entry.accountId)?.name ?? `Account ${entry.accountId}`);
  return {
    title: account === null ? entry.title : `${account}: ${entry.title}`,
    body: entry.detail ?? '',
    tag: `risk-warden-${entry.id}`,
  };
}

/**
 * The alert for a step of a rule's warning ladder just climbed (see StepTracker): "Daily realized
 * loss at 70 %", "-$350.00 of -$500.00 on PRAC-1". One tag per account, rule and step.
 */
export function stepAlertText(crossing: StepCrossing): AlertText {
  const { title, body } = stepNotice(crossing);
  return { title, body, tag: `risk-warden-step-${crossing.accountId}-${crossing.rule.ruleId}-${stepPercent(crossing.step)}` };
}
