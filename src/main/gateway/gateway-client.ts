/**
 * One ProjectX gateway connection: login, the REST snapshot (accounts, contracts, open positions,
 * open orders, today's trades), then the realtime hubs. After a hub reconnects it reconciles over
 * REST so that nothing that happened during the gap is lost.
 */
import type { Account, Contract, ContractId, GatewayEvent, Order, Position } from '../../shared/domain';
import type { ConnectionState } from '../../shared/contract';
import type { AccountSync } from '../engine/account-state';
import type { Broker } from '../enforcement/broker';
import type { Logger } from '../log';
import { ProjectXApi } from './projectx-api';
import { RealtimeHubs } from './realtime';
import { GatewayUnauthorizedError } from './errors';
import { systemClock } from '../schedule/clock';
import { Pacer } from './pacer';
import { RestClient } from './rest-client';
import { OrderSide, OrderType } from './wire';

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
const RECONCILE_RETRY_MS = [250, 1000, 2000, 5000, 10_000];
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The `exp` claim of a JWT in ms, or null when the token does not carry one. */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

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
}

export interface GatewayInitialState {
  accounts: Account[];
  contracts: Contract[];
  syncs: AccountSync[];
}

export class GatewayClient implements Broker {
  readonly api: ProjectXApi;
  private hubs: RealtimeHubs | null = null;
  private accountIds: number[] = [];
  private readonly knownContracts = new Set<ContractId>();
  private tradingDayStart = 0;
  private resyncing: Promise<void> | null = null;
  /** A reconcile was asked for since the running one started reading. */
  private resyncWanted = false;
  private stopped = false;
  private relogin: Promise<void> | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly credentials: GatewayCredentials,
    private readonly listener: GatewayListener,
    private readonly logger: Logger,
    /** The account ids to guard; empty = every account of the login. */
    private readonly guard: readonly number[] = [],
  ) {
    // The gateway allows 200 requests in any 60 s (History/retrieveBars has its own limit; Risk Warden does not call it).
    this.api = new ProjectXApi(
      new RestClient({ baseUrl: credentials.apiUrl, pacer: new Pacer(systemClock, { limit: 200, windowMs: 60_000 }) }),
    );
  }

  async connect(tradingDayStart: number): Promise<GatewayInitialState> {
    this.tradingDayStart = tradingDayStart;
    this.listener.onConnection('connecting', null);
    await this.login();
    const accounts = this.guarded(await this.api.searchAccounts());
    this.accountIds = accounts.map((a) => a.id);
    const contracts = await this.api.availableContracts(false);
    for (const contract of contracts) this.knownContracts.add(contract.id);
    const syncs = await this.loadSyncs();
    await this.startHubs();
    await this.watchContractsOf(syncs);
    return { accounts, contracts, syncs };
  }

  /** Whether events of this account are Risk Warden's business. */
  guards(accountId: number): boolean {
    return this.guard.length === 0 || this.guard.includes(accountId);
  }

  private guarded(accounts: Account[]): Account[] {
    const missing = this.guard.filter((id) => !accounts.some((a) => a.id === id));
    if (missing.length > 0) {
      throw new Error(
        `account${missing.length > 1 ? 's' : ''} ${missing.join(', ')} to guard not found for this login (it has ${accounts.map((a) => `${a.id} ${a.name}`).join(', ') || 'no active accounts'})`,
      );
    }
    return accounts.filter((a) => this.guards(a.id));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    await this.hubs?.stop();
    await this.api.rest.close();
  }

  closePosition(accountId: number, contractId: string): Promise<void> {
    return this.authed(() => this.api.closeContract(accountId, contractId));
  }

  partialClosePosition(accountId: number, contractId: string, size: number): Promise<void> {
    return this.authed(() => this.api.partialCloseContract(accountId, contractId, size));
  }

  cancelOrder(accountId: number, orderId: number): Promise<void> {
    return this.authed(() => this.api.cancelOrder(accountId, orderId));
  }

  modifyStop(accountId: number, orderId: number, stopPrice: number): Promise<void> {
    return this.authed(() => this.api.modifyOrder(accountId, orderId, { stopPrice }));
  }

  async placeStop(accountId: number, contractId: string, side: 'buy' | 'sell', size: number, stopPrice: number): Promise<void> {
    await this.authed(() =>
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
    return this.authed(() => this.api.orderById(accountId, orderId));
  }

  /** The account's open positions and working orders as the gateway has them now. */
  async openState(accountId: number): Promise<{ positions: Position[]; orders: Order[] }> {
    const [events, orders] = await this.authed(() =>
      Promise.all([this.api.openPositions(accountId, 'reconcile'), this.api.openOrders(accountId, 'reconcile')]),
    );
    return { positions: events.flatMap((e): Position[] => (e.type === 'position' ? [e.position] : [])), orders };
  }

  /** The market feed went silent: start its hub again (subscriptions are re-sent, state reconciled). */
  restartMarketFeed(): Promise<void> {
    return this.hubs?.restartMarket() ?? Promise.resolve();
  }

  /**
   * A 401 means the gateway did not process the call, so even a mutating call is safe to repeat
   * once after a new login: an expired token must never make a close fail.
   */
  private async authed<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof GatewayUnauthorizedError)) throw error;
      await this.renewSession();
      return call();
    }
  }

  /** One re-login at a time, however many calls hit the expired token together. */
  private renewSession(): Promise<void> {
    this.relogin ??= this.login()
      .catch((error: unknown) => {
        this.listener.onConnection('loggedOut', `the session could not be renewed: ${(error as Error).message}`);
        throw error;
      })
      .finally(() => {
        this.relogin = null;
      });
    return this.relogin;
  }

  private async login(): Promise<void> {
    const token = await this.api.loginKey(this.credentials.username, this.credentials.apiKey);
    this.scheduleRefresh(token);
  }

  /** Renews the token through Auth/validate five minutes before its `exp` (a new login if that fails). */
  private scheduleRefresh(token: string): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    const expiresAt = jwtExpiry(token);
    if (expiresAt === null) return;
    const delay = Math.max(0, expiresAt - Date.now() - REFRESH_BEFORE_EXPIRY_MS);
    this.refreshTimer = setTimeout(
      () => {
        this.api.validate().then(
          (fresh) => {
            this.scheduleRefresh(fresh);
            // Hubs authenticated with the old token are started again on the new one.
            if (fresh !== token)
              void this.hubs
                ?.restartAll()
                .catch((error: unknown) => this.logger.warn(`hub restart on the new token failed: ${(error as Error).message}`));
          },
          () => void this.renewSession().catch(() => undefined),
        );
      },
      Math.min(delay, MAX_TIMER_MS),
    );
    this.refreshTimer.unref();
  }

  /** Today's fills are those since the trading day started; set at the daily reset. */
  setTradingDayStart(start: number): void {
    this.tradingDayStart = start;
  }

  private async loadSyncs(): Promise<AccountSync[]> {
    const since = new Date(this.tradingDayStart).toISOString();
    const accounts = await this.authed(() => this.api.searchAccounts('reconcile'));
    return Promise.all(
      this.accountIds.map(async (accountId): Promise<AccountSync> => {
        const [positionEvents, orders, fills] = await this.authed(() =>
          Promise.all([
            this.api.openPositions(accountId, 'reconcile'),
            this.api.openOrders(accountId, 'reconcile'),
            this.api.trades(accountId, since, 'reconcile'),
          ]),
        );
        const positions = positionEvents.flatMap((e): Position[] => (e.type === 'position' ? [e.position] : []));
        const account = accounts.find((a) => a.id === accountId);
        return { accountId, ...(account ? { account } : {}), positions, orders, fills };
      }),
    );
  }

  private async startHubs(): Promise<void> {
    const hubs = new RealtimeHubs(
      this.credentials.rtcUrl,
      () => this.api.rest.currentToken() ?? '',
      {
        onEvent: (event) => {
          this.listener.onEvent(event);
          if (event.type === 'position') void this.watchContract(event.position.contractId);
          if (event.type === 'order') void this.watchContract(event.order.contractId);
        },
        onLive: () => this.listener.onConnection('live', null),
        onReconnecting: (reason) => {
          this.listener.onConnection('reconnecting', reason);
          // The gap may be an expired token: a hub cannot come back with it, so check it now.
          void this.authed(() => this.api.validate()).catch(() => undefined);
        },
        onResync: () => void this.resync(),
        onLoggedOut: () => this.listener.onConnection('loggedOut', 'the gateway ended the session (GatewayLogout)'),
        onMalformed: (error) => this.logger.warn(`skipped a malformed hub message: ${error.message}`),
      },
      this.logger,
    );
    this.hubs = hubs;
    await hubs.start();
    await hubs.subscribeAccounts();
    for (const accountId of this.accountIds) await hubs.watchAccount(accountId);
  }

  private resync(): Promise<void> {
    this.resyncWanted = true;
    this.resyncing ??= this.reconcileUntilDone().finally(() => {
      this.resyncing = null;
    });
    return this.resyncing;
  }

  /**
   * What happened during a gap is only known from REST, so a reconcile that fails (a 5xx or 429
   * storm) is tried again until it succeeds, and one asked for while another was already reading
   * runs once more: its gap may have begun after those reads.
   */
  private async reconcileUntilDone(): Promise<void> {
    let failures = 0;
    while (this.resyncWanted && !this.stopped) {
      this.resyncWanted = false;
      try {
        const syncs = await this.loadSyncs();
        this.listener.onSync(syncs);
        await this.watchContractsOf(syncs);
        failures = 0;
      } catch (error) {
        this.resyncWanted = true;
        const wait = RECONCILE_RETRY_MS[Math.min(failures++, RECONCILE_RETRY_MS.length - 1)]!;
        this.logger.warn(`reconcile after reconnect failed (${(error as Error).message}); retrying in ${wait} ms`);
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  }

  private async watchContractsOf(syncs: readonly AccountSync[]): Promise<void> {
    const ids = new Set<ContractId>();
    for (const sync of syncs) {
      for (const p of sync.positions) ids.add(p.contractId);
      for (const o of sync.orders) ids.add(o.contractId);
    }
    for (const id of ids) await this.watchContract(id);
  }

  /** Quotes for a contract, and its spec when it was not in Contract/available. */
  private async watchContract(contractId: ContractId): Promise<void> {
    try {
      if (!this.knownContracts.has(contractId)) {
        this.knownContracts.add(contractId);
        const contract = await this.authed(() => this.api.contractById(contractId));
        if (contract) this.listener.onContract(contract);
      }
      await this.hubs?.watchContract(contractId);
    } catch (error) {
      this.logger.warn(`cannot watch ${contractId}: ${(error as Error).message}`);
    }
  }
}
