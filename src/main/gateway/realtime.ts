/**
 * The two SignalR hubs (user, market) over WebSockets with negotiation skipped, as the gateway
 * expects. Reconnects forever: a risk manager that gives up on its feed is decoration.
 * After every reconnect the subscriptions are re-sent and `onResync` asks for a REST reconcile,
 * because the gateway does not replay what happened during the gap.
 */
import {
  HttpTransportType,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
  type ILogger,
  type IRetryPolicy,
} from '@microsoft/signalr';
import type { GatewayEvent, Quote } from '../../shared/domain';
import type { Logger } from '../log';
import { backoffStep } from '../schedule/backoff';
import { lastTradePrice, mergeQuote, normaliseUserEvent, parseQuote, type UserHubTarget } from './normalise';

export interface RealtimeHandlers {
  onEvent(event: GatewayEvent): void;
  onLive(): void;
  onReconnecting(reason: string): void;
  /** A hub came back after a gap: reconcile over REST. */
  onResync(): void;
  onLoggedOut(): void;
  onMalformed(error: Error): void;
}

const RETRY_DELAYS_MS = [0, 1000, 2000, 5000, 10_000, 15_000];
const foreverRetry: IRetryPolicy = {
  nextRetryDelayInMilliseconds: (context) => backoffStep(RETRY_DELAYS_MS, context.previousRetryCount),
};

const USER_TARGETS: readonly UserHubTarget[] = ['GatewayUserAccount', 'GatewayUserPosition', 'GatewayUserOrder', 'GatewayUserTrade'];

function signalrLogger(logger: Logger): ILogger {
  return {
    log(level, message) {
      if (level >= LogLevel.Error) logger.warn(`signalr: ${message}`);
      else if (level >= LogLevel.Warning) logger.info(`signalr: ${message}`);
    },
  };
}

export class RealtimeHubs {
  private readonly user: HubConnection;
  private readonly market: HubConnection;
  private readonly accounts = new Set<number>();
  private readonly contracts = new Set<string>();
  private readonly quotes = new Map<string, Quote>();
  private stopped = false;
  /** A deliberate restart of the market hub is not a lost connection. */
  private restarting = false;

  constructor(
    rtcUrl: string,
    token: () => string,
    private readonly handlers: RealtimeHandlers,
    private readonly logger: Logger,
  ) {
    const base = rtcUrl.replace(/\/+$/, '');
    this.user = this.build(`${base}/hubs/user`, token);
    this.market = this.build(`${base}/hubs/market`, token);
    for (const target of USER_TARGETS) {
      this.user.on(target, (payload: unknown) => this.dispatchUser(target, payload));
    }
    this.market.on('GatewayQuote', (contractId: unknown, payload: unknown) => this.dispatchQuote(contractId, payload));
    // A trade print is a last price too: it keeps the mark current between quotes.
    this.market.on('GatewayTrade', (contractId: unknown, payload: unknown) => {
      const lastPrice = lastTradePrice(payload);
      if (lastPrice !== null) this.dispatchQuote(contractId, { lastPrice });
    });
    for (const hub of [this.user, this.market]) {
      hub.on('GatewayLogout', () => this.handlers.onLoggedOut());
      hub.onreconnecting((error) => this.handlers.onReconnecting(error?.message ?? 'connection lost'));
      hub.onreconnected(() => void this.afterReconnect(hub));
      hub.onclose((error) => {
        if (!this.stopped && !this.restarting) this.handlers.onReconnecting(error?.message ?? 'connection closed');
      });
    }
  }

  async start(): Promise<void> {
    await Promise.all([this.user.start(), this.market.start()]);
    this.handlers.onLive();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.user.stop(), this.market.stop()]);
  }

  isLive(): boolean {
    return this.user.state === HubConnectionState.Connected && this.market.state === HubConnectionState.Connected;
  }

  async watchAccount(accountId: number): Promise<void> {
    this.accounts.add(accountId);
    await this.subscribeAccount(accountId);
  }

  async watchContract(contractId: string): Promise<void> {
    if (this.contracts.has(contractId)) return;
    this.contracts.add(contractId);
    if (this.market.state === HubConnectionState.Connected) await this.subscribeContract(contractId);
  }

  private async subscribeContract(contractId: string): Promise<void> {
    await Promise.all([
      this.market.invoke('SubscribeContractQuotes', contractId),
      this.market.invoke('SubscribeContractTrades', contractId),
    ]);
  }

  private build(url: string, token: () => string): HubConnection {
    return new HubConnectionBuilder()
      .withUrl(url, {
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
        accessTokenFactory: token,
        timeout: 10_000,
      })
      .withAutomaticReconnect(foreverRetry)
      .configureLogging(signalrLogger(this.logger))
      .build();
  }

  private async subscribeAccount(accountId: number): Promise<void> {
    if (this.user.state !== HubConnectionState.Connected) return;
    await Promise.all([
      this.user.invoke('SubscribeOrders', accountId),
      this.user.invoke('SubscribePositions', accountId),
      this.user.invoke('SubscribeTrades', accountId),
    ]);
  }

  private async afterReconnect(hub: HubConnection): Promise<void> {
    try {
      if (hub === this.user) {
        await this.user.invoke('SubscribeAccounts');
        for (const accountId of this.accounts) await this.subscribeAccount(accountId);
      } else {
        for (const contractId of this.contracts) await this.subscribeContract(contractId);
      }
    } catch (error) {
      this.logger.warn(`re-subscribe after reconnect failed: ${(error as Error).message}`);
    }
    if (this.isLive()) this.handlers.onLive();
    this.handlers.onResync();
  }

  /** Stops and starts the market hub (a silent feed), then re-sends its subscriptions. */
  restartMarket(): Promise<void> {
    return this.restart([this.market]);
  }

  /** Both hubs again, e.g. on a renewed token; subscriptions are re-sent and state reconciled. */
  restartAll(): Promise<void> {
    return this.restart([this.user, this.market]);
  }

  private async restart(hubs: readonly HubConnection[]): Promise<void> {
    this.restarting = true;
    try {
      for (const hub of hubs) {
        await hub.stop();
        await hub.start();
      }
    } finally {
      this.restarting = false;
    }
    for (const hub of hubs) await this.afterReconnect(hub);
  }

  async subscribeAccounts(): Promise<void> {
    await this.user.invoke('SubscribeAccounts');
  }

  private dispatchUser(target: UserHubTarget, payload: unknown): void {
    try {
      this.handlers.onEvent(normaliseUserEvent(target, payload));
    } catch (error) {
      this.handlers.onMalformed(error as Error);
    }
  }

  private dispatchQuote(contractId: unknown, payload: unknown): void {
    if (typeof contractId !== 'string') {
      this.handlers.onMalformed(new Error('GatewayQuote: first argument is not a contract id'));
      return;
    }
    try {
      const quote = mergeQuote(contractId, parseQuote(payload), this.quotes.get(contractId));
      if (!quote) return;
      this.quotes.set(contractId, quote);
      this.handlers.onEvent({ type: 'quote', quote });
    } catch (error) {
      this.handlers.onMalformed(error as Error);
    }
  }
}
