/**
 * What the status strip says, from what the dashboard knows: the link to Risk Warden, the last
 * snapshot and the service's clock. Pure, so the order of the states is tested without a browser:
 * not protected first (Risk Warden unreachable, then the broker unreachable), then a lock, then
 * figures that may be old, then a warning, then all clear. The status strip, the tab's title, its
 * icon and the web host's alerts all read this one decision.
 */
import type { AccountView, Snapshot } from '../../../shared/contract';
import type { TransportState } from '../transport-state';

export interface StripLock {
  accountName: string;
  ruleTitle: string;
  /** ISO end for the countdown; null until an administrator unlocks. */
  until: string | null;
  untilText: string | null;
}

export type StripState =
  | { kind: 'connecting' }
  /** The dashboard cannot reach the service, or main has no service running: nothing is enforced. */
  | { kind: 'offline'; reason: string | null; lastKnownAt: string | null }
  /** Risk Warden runs but the broker ended or refused the session: it can neither see nor close anything. */
  | { kind: 'unprotected'; detail: string | null; locks: StripLock[]; oldestMarkAt: string | null }
  | { kind: 'locked'; locks: StripLock[] }
  /** The figures shown may be old: the connection says so, or a mark of an open position was last quoted long ago. */
  | { kind: 'stale'; because: 'connecting' | 'connection' | 'marks'; detail: string | null; oldestMarkAt: string | null }
  | { kind: 'warning'; rules: StripWarning[] }
  | { kind: 'ok' };

/** A rule worth a look: broken, about to act on its own, or on a step of its warning ladder. */
export interface StripWarning {
  accountName: string;
  title: string;
  /** "is broken", "is past 70 % of its limit", or the action about to happen. */
  what: string;
  /** Most urgent first: broken 3, about to act 2, then the ladder's step (below 1). */
  urgency: number;
}

function warningsOf(account: AccountView): StripWarning[] {
  return account.rules.flatMap((rule): StripWarning[] => {
    const base = { accountName: account.name, title: rule.title };
    if (rule.state === 'breached') return [{ ...base, what: 'is broken', urgency: 3 }];
    if (rule.imminent) return [{ ...base, what: `: ${rule.imminent.text}`, urgency: 2 }];
    if (rule.state === 'warning' && rule.step !== null)
      return [{ ...base, what: `is past ${Math.round(rule.step * 100)} % of its limit`, urgency: rule.step }];
    return [];
  });
}

/** The oldest quote among open positions, or null when none is open or none was quoted yet. */
export function oldestMark(accounts: readonly AccountView[]): string | null {
  let oldest: string | null = null;
  for (const account of accounts)
    for (const position of account.positions)
      if (position.markAt !== null && (oldest === null || Date.parse(position.markAt) < Date.parse(oldest))) oldest = position.markAt;
  return oldest;
}

export function stripState(input: {
  transport: TransportState;
  snapshot: Snapshot | null;
  /** Main's answer when it has no service to show (a failed start it retries). */
  error: string | null;
  /** The service's clock (service-clock.ts). */
  now: number;
}): StripState {
  const { transport, snapshot, error, now } = input;
  // Once the dashboard has seen Risk Warden, any link that is not open (closed, or retrying) means
  // nothing it shows is current and nothing tells it whether enforcement still runs.
  if (transport !== 'open')
    return snapshot || transport === 'closed'
      ? { kind: 'offline', reason: null, lastKnownAt: snapshot?.generatedAt ?? null }
      : { kind: 'connecting' };
  if (!snapshot) return error ? { kind: 'offline', reason: error, lastKnownAt: null } : { kind: 'connecting' };

  const locks = snapshot.accounts.flatMap((account): StripLock[] =>
    account.lockout
      ? [
          {
            accountName: account.name,
            ruleTitle: account.lockout.ruleTitle,
            until: account.lockout.until,
            untilText: account.lockout.untilText,
          },
        ]
      : [],
  );
  const markAt = oldestMark(snapshot.accounts);
  const { state, detail } = snapshot.connection;
  if (state === 'loggedOut' || state === 'failed') return { kind: 'unprotected', detail, locks, oldestMarkAt: markAt };
  if (locks.length > 0) return { kind: 'locked', locks };

  if (state === 'connecting') return { kind: 'stale', because: 'connecting', detail, oldestMarkAt: markAt };
  if (state === 'stale' || state === 'reconnecting') return { kind: 'stale', because: 'connection', detail, oldestMarkAt: markAt };
  if (markAt !== null && now - Date.parse(markAt) > snapshot.marksStaleAfterMs)
    return { kind: 'stale', because: 'marks', detail: null, oldestMarkAt: markAt };

  const rules = snapshot.accounts.flatMap(warningsOf);
  if (rules.length > 0) return { kind: 'warning', rules: rules.sort((a, b) => b.urgency - a.urgency) };
  return { kind: 'ok' };
}

/** Whether the figures under the strip are to be dimmed, and why. */
export type Freshness = 'live' | 'stale' | 'offline';

export function freshness(state: StripState): Freshness {
  if (state.kind === 'offline') return 'offline';
  if (state.kind === 'stale' || state.kind === 'unprotected') return 'stale';
  return 'live';
}
