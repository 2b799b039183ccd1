/**
 * Enforcement actions the last run sent but never saw answered (kill -9, a crash, power loss
 * between the call and its answer) are still 'sent' in the store. At start, before anything is sent
 * again, they are marked 'interrupted' and the audit log and timeline say so. Nothing is re-sent
 * from them: the rules judge the account as the broker reports it now and act again if it is needed.
 * A store that cannot mark them now leaves them for the next start; marking them later, once calls
 * of this run are in flight, would mark those too.
 */
import type { Recorder } from '../enforcement/executor';
import type { Journal } from '../enforcement/journal';
import type { InterruptedAction, RiskStore } from '../store/risk-store';

/** How many actions a timeline or audit entry names before it counts the rest. */
const LISTED = 10;

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function reconcileInterruptedActions(
  store: Pick<RiskStore, 'interruptSentActions'>,
  recorder: Recorder,
  journal: Journal,
  now: number,
): InterruptedAction[] {
  const at = new Date(now).toISOString();
  let interrupted: InterruptedAction[];
  try {
    interrupted = store.interruptSentActions(`interrupted: Risk Warden stopped before the answer came (found at the start at ${at})`);
  } catch (error) {
    journal.add(
      'error',
      null,
      'Actions left unanswered by the last stop could not be looked at',
      `the database refused (${(error as Error).message}); they are looked at at the next start`,
    );
    return [];
  }
  const byAccount = new Map<number, InterruptedAction[]>();
  for (const action of interrupted) byAccount.set(action.accountId, [...(byAccount.get(action.accountId) ?? []), action]);
  for (const [accountId, actions] of byAccount) {
    const count = actions.length === 1 ? '1 enforcement action' : `${actions.length} enforcement actions`;
    const listed = actions.slice(0, LISTED).map((a) => `${a.action} ${a.target} (${a.ruleId}, sent ${a.sentAt})`);
    if (actions.length > LISTED) listed.push(`and ${actions.length - LISTED} more`);
    const detail = `${listed.join('; ')}. Marked interrupted; the rules judge the account as it is now and act again if needed`;
    recorder.write(`the audit record of ${count} interrupted`, (s) =>
      s.audit(at, 'service', 'actions interrupted', accountId, `${count} sent before the last stop got no answer: ${detail}`),
    );
    // The timeline says what was asked in words; the audit row above keeps the ids and times.
    const asked = actions.slice(0, LISTED).map((a) => a.target);
    if (actions.length > LISTED) asked.push(`and ${actions.length - LISTED} more`);
    const told = `${sentence(asked.join('; '))}. The broker had not answered when Risk Warden stopped; the rules judge the account as it is now and act again if needed`;
    journal.add('enforcement', accountId, `${count} interrupted when Risk Warden stopped: outcome unknown`, told, 'warn');
  }
  return interrupted;
}
