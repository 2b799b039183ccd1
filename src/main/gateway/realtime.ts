/**
 * The two SignalR hubs (user, market) over WebSockets with negotiation skipped, as the gateway
 * expects. Reconnects forever: a risk manager that gives up on its feed is decoration.
 * After every reconnect the subscriptions are re-sent (again and again, with backoff, until they go
 * through) and `onResync` asks for a REST reconcile, because the gateway does not replay what
 * happened during the gap.
 *
 * The user hub and REST are what enforcement needs; the market hub only feeds open P&L. A login
 * without the market-data entitlement gets 401 on the market hub while the rest works (PROJECTX.md
 * §13), so a market hub that will not start is reported (`onMarketData`) and tried again — at every
 * reconnect of the user hub and on a backoff of its own — instead of failing the start.
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
import type { GatewayEvent } from '../../shared/domain';
import type { Logger } from '../log';
import { BackoffRetry, backoffStep } from '../schedule/backoff';
import type { Clock } from '../schedule/clock';
import { whyHubFailed } from './hub-probe';
import {
  lastTradePrices,
  mergeQuote,
  parseQuote,
  quoteOf,
  readUserMessage,
  type KnownQuote,
  type UserHubTarget,
  type UserMessage,
} from './normalise';
import type { WireOrder, WireQuote } from './wire';

export interface RealtimeHandlers {
  onEvent(event: GatewayEvent): void;
  onLive(): void;
  onReconnecting(reason: string): void;
  /** A hub came back after a gap: reconcile over REST. */
  onResync(): void;
  onLoggedOut(): void;
  onMalformed(error: Error): void;
  /** A user-hub message, read, before its event goes out (the fee check watches trades and balances). */
  onUserMessage?(message: UserMessage): void;
  /** The user hub removed an order that still looked working: what became of it is read over REST. */
  onOrderRemoved(order: WireOrder): void;
  /** Why the market hub cannot be used ("the market hub refused this login (401)"); null once it is connected. */
  onMarketData(unavailable: string | null): void;
  /** Re-subscribing on the user hub failed (why, and when it is tried again); null once it went through. */
  onUserSubscriptions(problem: string | null): void;
}

const RETRY_DELAYS_MS = [0, 1000, 2000, 5000, 10_000, 15_000];
const foreverRetry: IRetryPolicy = {
  nextRetryDelayInMilliseconds: (context) => backoffStep(RETRY_DELAYS_MS, context.previousRetryCount),
};
/** A failed re-subscribe on the user hub is tried again after these waits (the last one repeating). */
export const RESUBSCRIBE_RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];
/** A market hub that would not start is tried again after these waits, besides at every user-hub reconnect. */
export const MARKET_RETRY_MS = [15_000, 30_000, 60_000, 120_000, 300_000];

const USER_TARGETS: readonly UserHubTarget[] = ['GatewayUserAccount', 'GatewayUserPosition', 'GatewayUserOrder', 'GatewayUserTrade'];

function signalrLogger(logger: Logger): ILogger {
  return {
    log(level, message) {
      if (level >= LogLevel.Error) logger.warn(`signalr: ${message}`);
      else if (level >= LogLevel.Warning) logger.info(`signalr: ${message}`);
    },
  };
}

export interface RealtimeOptions {
  rtcUrl: string;
  token: () => string;
  handlers: RealtimeHandlers;
  logger: Logger;
  clock: Clock;
}

export class RealtimeHubs {
  private readonly user: HubConnection;
  private readonly market: HubConnection;
  private readonly marketUrl: string;
  private readonly token: () => string;
  private readonly handlers: RealtimeHandlers;
  private readonly logger: Logger;
  private readonly accounts = new Set<number>();
  private readonly contracts = new Set<string>();
  private readonly quotes = new Map<string, KnownQuote>();
  private stopped = false;
  /** A deliberate restart of a hub is not a lost connection. */
  private restarting = false;
  /** Why the market hub is not connected, while it is not; null when it is (or has not been tried). */
  private marketDown: string | null = null;
  private marketStarting: Promise<boolean> | null = null;
  private readonly marketRetry: BackoffRetry;
  private readonly resubscribeRetry: BackoffRetry;
  private readonly userStartRetry: BackoffRetry;

  constructor(options: RealtimeOptions) {
    const { rtcUrl, token, handlers, logger, clock } = options;
    this.handlers = handlers;
    this.logger = logger;
    this.marketRetry = new BackoffRetry(clock, MARKET_RETRY_MS);
    this.resubscribeRetry = new BackoffRetry(clock, RESUBSCRIBE_RETRY_MS);
    this.userStartRetry = new BackoffRetry(clock, RESUBSCRIBE_RETRY_MS);
    const base = rtcUrl.replace(/\/+$/, '');
    this.marketUrl = `${base}/hubs/market`;
    this.user = this.build(`${base}/hubs/user`, token);
    this.market = this.build(this.marketUrl, token);
    this.token = token;
    for (const target of USER_TARGETS) {
      this.user.on(target, (payload: unknown) => this.dispatchUser(target, payload));
    }
    this.market.on('GatewayQuote', (contractId: unknown, payload: unknown) => this.dispatchQuote(contractId, payload));
    // A trade print is a last price too: it keeps the mark current between quotes.
    this.market.on('GatewayTrade', (contractId: unknown, payload: unknown) => {
      for (const [contract, lastPrice] of lastTradePrices(contractId, payload)) this.applyQuote(contract, { lastPrice });
    });
    for (const hub of [this.user, this.market]) {
      hub.on('GatewayLogout', () => this.handlers.onLoggedOut());
      hub.onreconnecting((error) => {
        if (hub === this.user) this.resubscribeRetry.cancel();
        this.handlers.onReconnecting(error?.message ?? 'connection lost');
      });
      hub.onreconnected(() => void this.afterReconnect(hub));
      hub.onclose((error) => {
        if (!this.stopped && !this.restarting) this.handlers.onReconnecting(error?.message ?? 'connection closed');
      });
    }
  }

  /** The user hub must start; the market hub may not (see the file's comment). */
  async start(): Promise<void> {
    await this.user.start();
    await this.startMarket();
    this.handlers.onLive();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.marketRetry.cancel();
    this.userStartRetry.cancel();
    this.resubscribeRetry.cancel();
    await Promise.all([this.user.stop(), this.market.stop()]);
  }

  /** Enforcement's feed is up: the user hub, and the market hub unless it is known to be unavailable. */
  isLive(): boolean {
    const market = this.market.state === HubConnectionState.Connected || this.marketDown !== null;
    return this.user.state === HubConnectionState.Connected && market;
  }

  userConnected(): boolean {
    return this.user.state === HubConnectionState.Connected;
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

  async subscribeAccounts(): Promise<void> {
    await this.user.invoke('SubscribeAccounts');
  }

  /** Stops and starts the market hub (a silent feed), then re-sends its subscriptions; one that will not start is reported. */
  async restartMarket(): Promise<void> {
    if (this.marketDown !== null) await this.startMarket();
    else await this.restart([this.market]);
  }

  /** Stops and starts the user hub (its feed went dead), then re-subscribes and reconciles. */
  restartUser(): Promise<void> {
    return this.restart([this.user]);
  }

  /** Both hubs again, e.g. on a renewed token; subscriptions are re-sent and state reconciled. */
  restartAll(): Promise<void> {
    return this.restart([this.user, this.market]);
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

  private async subscribeContract(contractId: string): Promise<void> {
    await Promise.all([
      this.market.invoke('SubscribeContractQuotes', contractId),
      this.market.invoke('SubscribeContractTrades', contractId),
    ]);
  }

  private async subscribeAccount(accountId: number): Promise<void> {
    if (this.user.state !== HubConnectionState.Connected) return;
    await Promise.all([
      this.user.invoke('SubscribeOrders', accountId),
      this.user.invoke('SubscribePositions', accountId),
      this.user.invoke('SubscribeTrades', accountId),
    ]);
  }

  /** Starts the market hub once at a time; true when it is connected with its subscriptions sent. */
  private startMarket(): Promise<boolean> {
    this.marketStarting ??= this.tryMarket().finally(() => {
      this.marketStarting = null;
    });
    return this.marketStarting;
  }

  private async tryMarket(): Promise<boolean> {
    this.marketRetry.cancel();
    if (this.stopped) return false;
    try {
      if (this.market.state === HubConnectionState.Disconnected) await this.market.start();
      for (const contractId of this.contracts) await this.subscribeContract(contractId);
    } catch (error) {
      if (this.stopped) return false;
      this.marketDown = await whyHubFailed(this.marketUrl, this.token(), error as Error);
      const wait = this.marketRetry.nextWait();
      this.logger.warn(`${this.marketDown}: open-P&L rules cannot run; trying it again in ${Math.round(wait / 1000)} s`);
      this.handlers.onMarketData(this.marketDown);
      if (!this.stopped) this.marketRetry.after(wait, () => void this.startMarket());
      return false;
    }
    if (this.marketDown !== null) this.logger.info('the market hub is connected again');
    this.marketDown = null;
    this.marketRetry.succeeded();
    this.handlers.onMarketData(null);
    return true;
  }

  private async afterReconnect(hub: HubConnection): Promise<void> {
    let subscribed: boolean;
    if (hub === this.user) {
      subscribed = await this.resubscribeUser();
      // The market hub that would not start is tried again with the user hub: a network change may have fixed both.
      if (this.marketDown !== null) void this.startMarket();
    } else {
      subscribed = await this.startMarket();
    }
    if (subscribed && this.isLive()) this.handlers.onLive();
    this.handlers.onResync();
  }

  /**
   * Re-sends the user hub's subscriptions; a failure is reported and tried again with backoff for as long as
   * the hub stays connected (a reconnect starts over): without them the hub is up and says nothing.
   */
  private async resubscribeUser(): Promise<boolean> {
    this.resubscribeRetry.cancel();
    if (this.stopped || this.user.state !== HubConnectionState.Connected) return false;
    try {
      await this.user.invoke('SubscribeAccounts');
      for (const accountId of this.accounts) await this.subscribeAccount(accountId);
    } catch (error) {
      const wait = this.resubscribeRetry.nextWait();
      const problem = `re-subscribing on the user hub failed (${(error as Error).message}); trying again in ${Math.round(wait / 1000)} s`;
      this.logger.warn(problem);
      this.handlers.onUserSubscriptions(problem);
      this.resubscribeRetry.after(wait, () => void this.retryResubscribe());
      return false;
    }
    if (this.resubscribeRetry.succeeded()) this.handlers.onUserSubscriptions(null);
    return true;
  }

  private async retryResubscribe(): Promise<void> {
    if (await this.resubscribeUser()) {
      if (this.isLive()) this.handlers.onLive();
      // Events sent while unsubscribed were lost: REST has them.
      this.handlers.onResync();
    }
  }

  /**
   * The market hub is started again by afterReconnect, which reports it when it will not start; a user hub that
   * will not start again is tried on a backoff (a stopped hub has no automatic reconnect to do it).
   */
  private async restart(hubs: readonly HubConnection[]): Promise<void> {
    const started: HubConnection[] = [];
    this.restarting = true;
    try {
      for (const hub of hubs) {
        await hub.stop();
        if (hub !== this.user || (await this.startUser())) started.push(hub);
      }
    } finally {
      this.restarting = false;
    }
    for (const hub of started) await this.afterReconnect(hub);
  }

  /** Starts the stopped user hub; on failure says so and tries again after a wait, then re-subscribes and reconciles. */
  private async startUser(): Promise<boolean> {
    this.userStartRetry.cancel();
    if (this.stopped) return false;
    try {
      await this.user.start();
    } catch (error) {
      if (this.stopped) return false;
      const wait = this.userStartRetry.nextWait();
      this.handlers.onReconnecting(
        `the user hub could not be started again (${(error as Error).message}); trying again in ${Math.round(wait / 1000)} s`,
      );
      this.userStartRetry.after(wait, () => void this.retryUserStart());
      return false;
    }
    this.userStartRetry.succeeded();
    return true;
  }

  private async retryUserStart(): Promise<void> {
    if (await this.startUser()) await this.afterReconnect(this.user);
  }

  private dispatchUser(target: UserHubTarget, payload: unknown): void {
    let message: UserMessage;
    try {
      message = readUserMessage(target, payload);
    } catch (error) {
      this.handlers.onMalformed(error as Error);
      return;
    }
    if (message.repaired.length > 0) this.logger.warn(`${target} repaired: ${message.repaired.join('; ')}`);
    this.handlers.onUserMessage?.(message);
    this.deliver(target, message.event);
    if (message.removedWorking) this.handlers.onOrderRemoved(message.removedWorking);
  }

  /** A failure of the service handling a well-formed event is its own (a storage failure, say), never the message's. */
  private deliver(target: string, event: GatewayEvent): void {
    try {
      this.handlers.onEvent(event);
    } catch (error) {
      const failure = error as Error;
      this.logger.error(`handling a ${target} ${event.type} event failed: ${failure.stack ?? failure.message}`);
    }
  }

  private dispatchQuote(contractId: unknown, payload: unknown): void {
    if (typeof contractId !== 'string') {
      this.handlers.onMalformed(new Error('GatewayQuote: first argument is not a contract id'));
      return;
    }
    let wire: WireQuote;
    try {
      wire = parseQuote(payload);
    } catch (error) {
      this.handlers.onMalformed(error as Error);
      return;
    }
    this.applyQuote(contractId, wire);
  }

  /** Merged into what is known from the first message on (a bid/ask-only quote counts), and sent on once priced. */
  private applyQuote(contractId: string, wire: WireQuote): void {
    const known = mergeQuote(this.quotes.get(contractId), wire);
    this.quotes.set(contractId, known);
    const quote = quoteOf(contractId, known);
    if (quote) this.deliver('GatewayQuote', { type: 'quote', quote });
  }
}
