/**
 * One ProjectX gateway connection, the `Broker` the enforcement acts through: login, the REST
 * snapshot (accounts, contracts, open positions, open orders, today's trades), then the realtime
 * hubs. After a hub reconnects it reconciles over REST so that nothing that happened during the gap
 * is lost. The user hub and REST are what enforcement needs: a market hub that refuses the login is
 * reported (`onMarketData`), not a failed connect; a user hub that stops delivering is found by a
 * heartbeat (user-feed-watch.ts) and started again.
 */
import type { Account, Contract, GatewayEvent, Order, Position } from '../../shared/domain';
import type { ConnectionState } from '../../shared/contract';
import type { AccountSync } from '../engine/account-state';
import type { Broker } from '../enforcement/broker';
import type { Logger } from '../log';
import { systemClock, type Clock } from '../schedule/clock';
import { AccountGuard } from './account-guard';
import { ContractWatch } from './contract-watch';
import { FeeCheck } from './fee-check';
import { Pacer } from './pacer';
import { ProjectXApi } from './projectx-api';
import { RealtimeHubs } from './realtime';
import { positionsOf, Reconciler } from './reconciler';
import { RestClient } from './rest-client';
import { Session } from './session';
import { UserFeedWatch } from './user-feed-watch';
import { OrderSide, OrderType, type WireOrder } from './wire';

export interface GatewayCredentials {
  apiUrl: string;
  rtcUrl: string;
  username: string;
  apiKey: string;
}

export interface GatewayListener {
  onEvent(event: GatewayEvent): void;
  onConnection(state: ConnectionState, detail: string | null): void;
  onSync(syncs: AccountSync[]): void;
  onContract(contract: Contract): void;
  /** Why there are no quotes ("the market hub refused this login (401)"); null once the market hub is connected. */
  onMarketData(unavailable: string | null): void;
}

export interface GatewayInitialState {
  accounts: Account[];
  contracts: Contract[];
  syncs: AccountSync[];
}

export class GatewayClient implements Broker {
  readonly api: ProjectXApi;
  private readonly session: Session;
  private readonly reconciler: Reconciler;
  private readonly contracts: ContractWatch;
  private readonly accountGuard: AccountGuard;
  private readonly userFeed: UserFeedWatch;
  private readonly feeCheck: FeeCheck;
  private hubs: RealtimeHubs | null = null;
  private accountIds: number[] = [];
  private tradingDayStart = 0;

  constructor(
    private readonly credentials: GatewayCredentials,
    private readonly listener: GatewayListener,
    private readonly logger: Logger,
    /** The account ids to guard; empty = every account of the login. */
    guard: readonly number[] = [],
    private readonly clock: Clock = systemClock,
  ) {
    // The gateway allows 200 requests in any 60 s (History/retrieveBars has its own limit; Risk Warden does not call it).
    this.api = new ProjectXApi(
      new RestClient({ baseUrl: credentials.apiUrl, pacer: new Pacer(clock, { limit: 200, windowMs: 60_000 }) }),
      logger,
    );
    this.feeCheck = new FeeCheck(logger);
    this.accountGuard = new AccountGuard(guard);
    this.session = new Session({
      api: this.api,
      credentials,
      clock,
      onLoggedOut: (detail) => listener.onConnection('loggedOut', detail),
      // Hubs authenticated with the old token are started again on the new one.
      onNewToken: () =>
        void this.hubs
          ?.restartAll()
          .catch((error: unknown) => logger.warn(`hub restart on the new token failed: ${(error as Error).message}`)),
    });
    this.contracts = new ContractWatch({
      api: this.api,
      session: this.session,
      logger,
      hubs: () => this.hubs,
      onContract: (contract) => listener.onContract(contract),
    });
    this.reconciler = new Reconciler({
      api: this.api,
      session: this.session,
      clock,
      logger,
      accountIds: () => this.accountIds,
      tradingDayStart: () => this.tradingDayStart,
      onSync: async (syncs) => {
        for (const sync of syncs) if (sync.account) this.userFeed.heard(sync.account);
        listener.onSync(syncs);
        await this.contracts.watchHeld(syncs);
      },
    });
    this.userFeed = new UserFeedWatch({
      api: this.api,
      session: this.session,
      clock,
      logger,
      accountIds: () => this.accountIds,
      hubConnected: () => this.hubs?.userConnected() ?? false,
      restart: async (reason) => {
        listener.onConnection('reconnecting', reason);
        await this.hubs?.restartUser();
      },
    });
  }

  async connect(tradingDayStart: number): Promise<GatewayInitialState> {
    this.tradingDayStart = tradingDayStart;
    this.listener.onConnection('connecting', null);
    await this.session.login();
    const accounts = this.accountGuard.select(await this.api.searchAccounts());
    this.accountIds = accounts.map((a) => a.id);
    const contracts = await this.api.availableContracts(false);
    this.contracts.know(contracts);
    const syncs = await this.reconciler.load();
    for (const account of accounts) this.userFeed.heard(account);
    for (const sync of syncs) if (sync.account) this.userFeed.heard(sync.account);
    await this.startHubs();
    await this.contracts.watchHeld(syncs);
    this.userFeed.start();
    return { accounts, contracts, syncs };
  }

  /** Whether events of this account are Risk Warden's business. */
  guards(accountId: number): boolean {
    return this.accountGuard.covers(accountId);
  }

  async stop(): Promise<void> {
    this.userFeed.stop();
    this.reconciler.stop();
    this.session.stop();
    await this.hubs?.stop();
    await this.api.rest.close();
  }

  closePosition(accountId: number, contractId: string): Promise<void> {
    return this.session.authed(() => this.api.closeContract(accountId, contractId));
  }

  partialClosePosition(accountId: number, contractId: string, size: number): Promise<void> {
    return this.session.authed(() => this.api.partialCloseContract(accountId, contractId, size));
  }

  cancelOrder(accountId: number, orderId: number): Promise<void> {
    return this.session.authed(() => this.api.cancelOrder(accountId, orderId));
  }

  modifyStop(accountId: number, orderId: number, stopPrice: number): Promise<void> {
    return this.session.authed(() => this.api.modifyOrder(accountId, orderId, { stopPrice }));
  }

  placeStop(accountId: number, contractId: string, side: 'buy' | 'sell', size: number, stopPrice: number): Promise<number> {
    return this.session.authed(() =>
      this.api.placeOrder({
        accountId,
        contractId,
        type: OrderType.Stop,
        side: side === 'buy' ? OrderSide.Bid : OrderSide.Ask,
        size,
        stopPrice,
      }),
    );
  }

  /** An order as the gateway has it now (searchOpen hides suspended bracket legs; this does not). */
  order(accountId: number, orderId: number): Promise<Order | null> {
    return this.session.authed(() => this.api.orderById(accountId, orderId));
  }

  /** The account's open positions and working orders as the gateway has them now. */
  async openState(accountId: number): Promise<{ positions: Position[]; orders: Order[] }> {
    const [events, orders] = await this.session.authed(() =>
      Promise.all([this.api.openPositions(accountId, 'reconcile'), this.api.openOrders(accountId, 'reconcile')]),
    );
    return { positions: positionsOf(events), orders };
  }

  /** The market feed went silent: start its hub again (subscriptions are re-sent, state reconciled); one that will not start is reported. */
  restartMarketFeed(): Promise<void> {
    return this.hubs?.restartMarket() ?? Promise.resolve();
  }

  /** Today's fills are those since the trading day started; set at the daily reset. */
  setTradingDayStart(start: number): void {
    this.tradingDayStart = start;
  }

  private async startHubs(): Promise<void> {
    const hubs = new RealtimeHubs({
      rtcUrl: this.credentials.rtcUrl,
      token: () => this.api.rest.currentToken() ?? '',
      logger: this.logger,
      clock: this.clock,
      handlers: {
        onEvent: (event) => {
          if (event.type === 'account') this.userFeed.heard(event.account);
          this.listener.onEvent(event);
          if (event.type === 'position') void this.contracts.watch(event.position.contractId);
          if (event.type === 'order') void this.contracts.watch(event.order.contractId);
        },
        onUserMessage: (message) => this.feeCheck.observe(message),
        onLive: () => this.listener.onConnection('live', null),
        onReconnecting: (reason) => {
          this.listener.onConnection('reconnecting', reason);
          // The gap may be an expired token: a hub cannot come back with it, so check it now.
          void this.session.authed(() => this.api.validate()).catch(() => undefined);
        },
        onResync: () => void this.reconciler.request(),
        onLoggedOut: () => this.listener.onConnection('loggedOut', 'the gateway ended the session (GatewayLogout)'),
        onMalformed: (error) => this.logger.warn(`skipped a malformed hub message: ${error.message}`),
        onOrderRemoved: (order) => void this.reread(order),
        onMarketData: (unavailable) => this.listener.onMarketData(unavailable),
        onUserSubscriptions: (problem) => {
          if (problem !== null) this.listener.onConnection('reconnecting', problem);
        },
      },
    });
    this.hubs = hubs;
    await hubs.start();
    await hubs.subscribeAccounts();
    for (const accountId of this.accountIds) await hubs.watchAccount(accountId);
  }

  /**
   * The user hub removed an order (`action` 2) whose status was not terminal: it is gone from the working
   * orders already; Order/search says what became of it (filled, cancelled — or still working after all).
   * If REST cannot be read, a reconcile (retried until it succeeds) settles it.
   */
  private async reread(wire: WireOrder): Promise<void> {
    const created = Date.parse(wire.creationTimestamp ?? '');
    // A minute's margin: REST and the stream write the same instant with different precision (6 and 7 digits).
    const since = new Date(Number.isNaN(created) ? this.tradingDayStart : Math.min(created - 60_000, this.tradingDayStart)).toISOString();
    try {
      const orders = await this.session.authed(() => this.api.searchOrders(wire.accountId, since, 'reconcile'));
      const order = orders.find((o) => o.id === wire.id);
      if (order) this.listener.onEvent({ type: 'order', order });
      else this.logger.info(`order ${wire.id} removed by the user hub is not in Order/search: taken as gone`);
    } catch (error) {
      this.logger.warn(`reading order ${wire.id} after the user hub removed it failed (${(error as Error).message}); reconciling`);
      void this.reconciler.request();
    }
  }
}
