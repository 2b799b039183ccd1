/**
 * The kill switch: one action that flattens every guarded account, cancels every order and locks
 * each until the daily reset ('KILL-SWITCH', an untilReset lock). It waits for nothing: the locks
 * are written, the calls are handed to the executor (whose closes and cancels take the gateway's
 * enforcement lane, ahead of every queued ordinary call, see gateway/pacer.ts) and it returns.
 */
import { KILL_SWITCH } from '../enforcement/lock-sources';
import type { Clock } from '../schedule/clock';
import type { FlattenAndLock } from './flatten-and-lock';
import type { GuardedAccount } from './self-lock';

/** Where the trader pressed it: the audit log says which. */
export type KillSwitchSource = 'dashboard' | 'tray' | 'shortcut';

export interface KillSwitchDeps {
  flatten: FlattenAndLock;
  accounts(): Iterable<GuardedAccount>;
  clock: Clock;
  changed(): void;
}

export class KillSwitch {
  constructor(private readonly deps: KillSwitchDeps) {}

  press(source: KillSwitchSource): { message: string } {
    const now = this.deps.clock.now();
    const accounts = [...this.deps.accounts()];
    if (accounts.length === 0) return { message: 'Kill switch: no account is guarded yet, so there was nothing to flatten or lock' };
    const names = accounts.map((a) => a.account.name).join(', ');
    const outcomes = this.deps.flatten.apply(
      accounts,
      { kind: 'untilReset' },
      KILL_SWITCH,
      'Kill switch pressed: every position closed and every order cancelled; only an administrator can unlock early',
      now,
      { action: 'kill switch', detail: `kill switch from the ${source}: ${names} flattened and locked until the daily reset` },
    );
    this.deps.changed();
    const count = accounts.length === 1 ? '1 account' : `${accounts.length} accounts`;
    const until = this.deps.flatten.untilWords(outcomes[0]!.lock, now);
    const created = outcomes.filter((o) => o.created);
    const locked = created.length === outcomes.length ? `locked ${until}` : 'locked (a lock that ends later is kept)';
    return { message: `Kill switch: ${count} flattened and ${locked}.` };
  }
}
