/**
 * Admin unlock: the OS prompt must prove an administrator is present before a lock is lifted.
 * Every attempt — approved, denied, cancelled, unavailable, refused — is audited and shown.
 */
import type { UnlockResult } from '../../shared/contract';
import type { Elevator } from '../elevation/elevator';
import type { Journal } from '../enforcement/journal';
import type { Lockouts } from '../enforcement/lockouts';
import type { Clock } from '../schedule/clock';
import type { RiskStore } from '../store/risk-store';

export interface AdminUnlockDeps {
  elevator: Elevator;
  lockouts: Lockouts;
  store: RiskStore;
  journal: Journal;
  clock: Clock;
  /** The end of the current trading day: how long an admin-only lock's override lasts. */
  dayEnd(): number;
}

export class AdminUnlock {
  private prompting = false;

  constructor(private readonly deps: AdminUnlockDeps) {}

  async request(accountId: number, reason: string): Promise<UnlockResult> {
    const { elevator, lockouts, store, journal, clock } = this.deps;
    const lock = lockouts.current(accountId);
    if (!lock) return { outcome: 'notLocked', message: `account ${accountId} is not locked` };
    if (this.prompting) return { outcome: 'busy', message: 'an elevation prompt is already open; answer it first' };
    this.prompting = true;
    let outcome;
    try {
      outcome = await elevator.elevate(`unlock account ${accountId}`);
    } finally {
      this.prompting = false;
    }
    const now = clock.now();
    const at = new Date(now).toISOString();
    if (outcome.kind !== 'approved') {
      store.audit(at, 'admin', `unlock ${outcome.kind}`, accountId, `${elevator.name}: ${outcome.message}; reason given: ${reason}`);
      journal.add('unlock', accountId, `Admin unlock ${outcome.kind} — still locked`, outcome.message);
      return { outcome: outcome.kind, message: outcome.message };
    }
    store.audit(at, 'admin', 'unlock approved', accountId, `${elevator.name} proved elevation (${outcome.proof}); reason: ${reason}`);
    const lifted = lockouts.adminUnlock(accountId, reason, now, this.deps.dayEnd());
    if (!lifted) return { outcome: 'notLocked', message: `account ${accountId}'s lock ended while the prompt was open` };
    journal.add('unlock', accountId, 'Unlocked by an administrator', `${lifted.ruleId} lock lifted: ${reason}`);
    return {
      outcome: 'approved',
      message: `Unlocked. ${lifted.ruleId} will not lock this account again before ${lifted.until ?? 'the next daily reset'}.`,
    };
  }
}
