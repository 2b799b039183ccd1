/**
 * Is the user hub still delivering? A dead user feed must be found while flat too: that is when the trader's
 * next fill, if the hub does not deliver it, goes unjudged.
 *
 * Why an Account/search heartbeat, and not a silence timer or a re-subscribe confirmation: the user hub is
 * legitimately silent while flat (PROJECTX.md §6.2, PXPY PR #132), so silence proves nothing; a completed
 * re-subscribe proves only that the socket answers invocations (SignalR's own pings prove as much), not that
 * the gateway still routes the account's events to it. REST does not go through the hub, and every fill moves
 * the account's balance (P&L and fees) while a lock or unlock on the platform flips `canTrade`; so the account
 * as REST has it, compared with what the hub last said, shows a change the hub never delivered. One beat of
 * difference may be a message still in flight; the same difference on two beats running means the feed is
 * dead, and the hub is started again (subscriptions re-sent, state reconciled over REST, which also brings in
 * what the hub missed). Cost: one call a beat, of the gateway's 200 a minute. A balance the broker changes
 * without a hub message (an adjustment) would cost one needless restart, after which its reconcile's reading
 * is what was heard.
 */
import type { Account } from '../../shared/domain';
import type { Logger } from '../log';
import type { Clock, TimerHandle } from '../schedule/clock';
import type { ProjectXApi } from './projectx-api';
import type { Session } from './session';

export const USER_FEED_BEAT_MS = 30_000;

export interface UserFeedWatchDeps {
  api: Pick<ProjectXApi, 'searchAccounts'>;
  session: Pick<Session, 'authed'>;
  clock: Clock;
  logger: Logger;
  accountIds(): readonly number[];
  /** Whether the user hub is connected now (while it reconnects, the reconnect's reconcile does this job). */
  hubConnected(): boolean;
  /** The feed is dead: start the user hub again, saying why. */
  restart(reason: string): Promise<void>;
  beatMs?: number;
}

type Seen = Pick<Account, 'balance' | 'canTrade'>;

function differs(a: Seen, b: Seen): boolean {
  return a.balance !== b.balance || a.canTrade !== b.canTrade;
}

function describe(seen: Seen): string {
  return `balance ${seen.balance.toFixed(2)}${seen.canTrade ? '' : ', cannot trade'}`;
}

export class UserFeedWatch {
  /** What the hub (or a reconcile) last said of each account. */
  private readonly heardOf = new Map<number, Seen>();
  /** A difference seen on the last beat, per account: REST's side of it. */
  private readonly suspect = new Map<number, Seen>();
  private timer: TimerHandle | null = null;
  private beating = false;
  private stopped = false;

  constructor(private readonly deps: UserFeedWatchDeps) {}

  /** The account as the hub sent it, or as a reconcile read it. */
  heard(account: Account): void {
    this.heardOf.set(account.id, { balance: account.balance, canTrade: account.canTrade });
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /** A beat every period, whatever the last one's answer; one still waiting for REST is not doubled. */
  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.schedule();
      if (this.beating) return;
      this.beating = true;
      void this.beat().finally(() => (this.beating = false));
    }, this.deps.beatMs ?? USER_FEED_BEAT_MS);
  }

  /** One heartbeat: compares the accounts as REST has them with what the hub said, and restarts a dead feed. */
  async beat(): Promise<void> {
    const { api, session, logger } = this.deps;
    if (!this.deps.hubConnected()) {
      this.suspect.clear();
      return;
    }
    let accounts: Account[];
    try {
      accounts = await session.authed(() => api.searchAccounts());
    } catch (error) {
      logger.warn(`user feed heartbeat (Account/search) failed: ${(error as Error).message}`);
      return;
    }
    const dead: string[] = [];
    for (const id of this.deps.accountIds()) {
      const rest = accounts.find((a) => a.id === id);
      const heard = this.heardOf.get(id);
      if (!rest || !heard || !differs(rest, heard)) {
        this.suspect.delete(id);
        continue;
      }
      const before = this.suspect.get(id);
      if (before && !differs(before, rest)) dead.push(`account ${id}: REST has ${describe(rest)}, the hub last said ${describe(heard)}`);
      else this.suspect.set(id, { balance: rest.balance, canTrade: rest.canTrade });
    }
    if (dead.length === 0 || !this.deps.hubConnected()) return;
    for (const id of this.deps.accountIds()) this.suspect.delete(id);
    const reason = `the user hub stopped delivering (${dead.join('; ')}); restarting it`;
    logger.warn(reason);
    await this.deps.restart(reason).catch((error: unknown) => logger.warn(`restarting the user hub failed: ${(error as Error).message}`));
  }
}
