/**
 * The dashboard's state in one word, as the title, the favicon and the status strip show it. The
 * most urgent wins: Risk Warden unreachable (nothing is enforced), an account locked, figures that
 * are no longer live, a rule past a warning step, all fine.
 */
import type { Snapshot } from '../../../shared/contract';
import { stripState, type StripState } from '../components/strip-state';
import type { TransportState } from '../transport-state';

export type DashboardState = 'offline' | 'locked' | 'stale' | 'warning' | 'ok';

/**
 * The status strip's decision (strip-state.ts), in one word: the title, the icon and the strip can
 * never disagree. Connecting and a broker that ended the session are not protected either.
 */
const WORD: Record<StripState['kind'], DashboardState> = {
  connecting: 'offline',
  offline: 'offline',
  unprotected: 'offline',
  locked: 'locked',
  stale: 'stale',
  warning: 'warning',
  ok: 'ok',
};

/** `nowMs`: the service's clock (service-clock.ts), which the marks' times are written in. */
export function dashboardState(snapshot: Snapshot | null, transport: TransportState, nowMs: number): DashboardState {
  return WORD[stripState({ snapshot, transport, error: null, now: nowMs }).kind];
}

/** The names of the locked accounts, in the snapshot's order. */
export function lockedAccountNames(snapshot: Snapshot | null): string[] {
  return (snapshot?.accounts ?? []).filter((account) => account.lockout !== null).map((account) => account.name);
}
