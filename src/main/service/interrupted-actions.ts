/**
 * Enforcement actions the last run sent but never saw answered (kill -9, a crash, power loss
 * between the call and its answer) are still 'sent' in the store. At start, before anything is sent
 * again, they are marked 'interrupted' and the audit log and timeline say so. Nothing is re-sent
 * from them: the rules judge the account as the broker reports it now and act again if it is needed.
 */
import type { Journal } from '../enforcement/journal';
import type { InterruptedAction, RiskStore } from '../store/risk-store';

/** How many actions a timeline or audit entry names before it counts the rest. */
const LISTED = 10;

export function reconcileInterruptedActions(store: RiskStore, journal: Journal, now: number): InterruptedAction[] {
  const at = new Date(now).toISOString();
  const interrupted = store.interruptSentActions(`interrupted: Risk Warden stopped before the answer came (found at the start at ${at})`);
  const byAccount = new Map<number, InterruptedAction[]>();
  for (const action of interrupted) byAccount.set(action.accountId, [...(byAccount.get(action.accountId) ?? []), action]);
  for (const [accountId, actions] of byAccount) {
    const count = actions.length === 1 ? '1 enforcement action' : `${actions.length} enforcement actions`;
    const listed = actions.slice(0, LISTED).map((a) => `${a.action} ${a.target} (${a.ruleId}, sent ${a.sentAt})`);
    if (actions.length > LISTED) listed.push(`and ${actions.length - LISTED} more`);
    const detail = `${listed.join('; ')}. Marked interrupted; the rules judge the account as it is now and act again if needed`;
    store.audit(at, 'service', 'actions interrupted', accountId, `${count} sent before the last stop got no answer: ${detail}`);
    journal.add('enforcement', accountId, `${count} interrupted by the last stop — outcome unknown`, detail);
  }
  return interrupted;
}
