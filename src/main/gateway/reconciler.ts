/**
 * The accounts as REST has them: loaded at connect, and reconciled after a hub reconnect because
 * the gateway does not replay what happened during the gap.
 */
import type { GatewayEvent, Position } from '../../shared/domain';
import type { AccountSync } from '../engine/account-state';
import type { Logger } from '../log';
import { backoffStep } from '../schedule/backoff';
import { delay, type Clock } from '../schedule/clock';
import type { ProjectXApi } from './projectx-api';
import type { Session } from './session';

const RETRY_MS = [250, 1000, 2000, 5000, 10_000];

export interface ReconcilerDeps {
  api: Pick<ProjectXApi, 'searchAccounts' | 'openPositions' | 'openOrders' | 'trades'>;
  session: Pick<Session, 'authed'>;
  clock: Clock;
  logger: Logger;
  accountIds(): readonly number[];
  /** Today's fills are those since the trading day started. */
  tradingDayStart(): number;
  /** A reconcile read the accounts: apply what it found. */
  onSync(syncs: AccountSync[]): Promise<void>;
}

/** The open positions among Position/searchOpen's events. */
export function positionsOf(events: readonly GatewayEvent[]): Position[] {
  return events.flatMap((e): Position[] => (e.type === 'position' ? [e.position] : []));
}

export class Reconciler {
  private running: Promise<void> | null = null;
  /** A reconcile was asked for since the running one started reading. */
  private wanted = false;
  private stopped = false;

  constructor(private readonly deps: ReconcilerDeps) {}

  async load(): Promise<AccountSync[]> {
    const { api, session } = this.deps;
    const since = new Date(this.deps.tradingDayStart()).toISOString();
    const accounts = await session.authed(() => api.searchAccounts('reconcile'));
    return Promise.all(
      this.deps.accountIds().map(async (accountId): Promise<AccountSync> => {
        const [positionEvents, orders, fills] = await session.authed(() =>
          Promise.all([
            api.openPositions(accountId, 'reconcile'),
            api.openOrders(accountId, 'reconcile'),
            api.trades(accountId, since, 'reconcile'),
          ]),
        );
        const account = accounts.find((a) => a.id === accountId);
        return { accountId, ...(account ? { account } : {}), positions: positionsOf(positionEvents), orders, fills };
      }),
    );
  }

  /** Reconciles now, or once more after the one already under way. */
  request(): Promise<void> {
    this.wanted = true;
    this.running ??= this.untilDone().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  /**
   * What happened during a gap is only known from REST, so a reconcile that fails (a 5xx or 429
   * storm) is tried again until it succeeds, and one asked for while another was already reading
   * runs once more: its gap may have begun after those reads.
   */
  private async untilDone(): Promise<void> {
    let failures = 0;
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      try {
        await this.deps.onSync(await this.load());
        failures = 0;
      } catch (error) {
        this.wanted = true;
        const wait = backoffStep(RETRY_MS, failures++);
        this.deps.logger.warn(`reconcile after reconnect failed (${(error as Error).message}); retrying in ${wait} ms`);
        await delay(this.deps.clock, wait);
      }
    }
  }
}
