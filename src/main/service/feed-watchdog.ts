/** The market-data staleness watchdog: the feed can freeze while its socket looks healthy. */
import type { Logger } from '../log';
import type { Clock } from '../schedule/clock';
import type { ConnectionStatus } from './connection-status';

export interface FeedWatchdogDeps {
  clock: Clock;
  connection: ConnectionStatus;
  logger: Logger;
  /** Starts the market hub again (its subscriptions are re-sent). */
  restartFeed(): Promise<void>;
  /** With positions open, no quote for this long means the feed froze (the config in force). */
  staleAfterMs(): number;
  /**
   * The market hub refused this login (market-data.ts): silence is then expected and already shown as
   * "No market data", and a restart cannot help (the gateway retries the hub on its own backoff).
   */
  quotesRefused(): boolean;
}

export class FeedWatchdog {
  /** Last quote, last change of positions, or the first check: the feed is silent when this is too old with positions open. */
  private lastSign: number | null = null;
  private restarting = false;

  constructor(private readonly deps: FeedWatchdogDeps) {}

  quoteSeen(): void {
    this.lastSign = this.deps.clock.now();
    if (this.deps.connection.current.state === 'stale') this.deps.connection.set('live', 'quotes are flowing again');
  }

  /** A new or changed position is not judged by a quote older than itself. */
  positionChanged(): void {
    this.lastSign = this.deps.clock.now();
  }

  check(now: number, holding: boolean): void {
    // The feed has its chance from the first check on: at start there was no quote yet, not a silence since 1970.
    this.lastSign ??= now;
    const silentMs = now - this.lastSign;
    if (!holding || this.restarting || silentMs < this.deps.staleAfterMs() || this.deps.quotesRefused()) return;
    this.deps.connection.set('stale', `no quote for ${Math.round(silentMs / 1000)} s with positions open; restarting the market feed`);
    this.restarting = true;
    this.lastSign = now;
    this.deps
      .restartFeed()
      .catch((error: unknown) => this.deps.logger.error(`market feed restart failed: ${(error as Error).message}`))
      .finally(() => (this.restarting = false));
  }
}
