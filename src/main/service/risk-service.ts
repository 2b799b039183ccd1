/**
 * RiskService: the composition root shared by the Electron app and the web host. It owns the
 * object graph (gateway, engine, enforcement, store, timers) and is the only thing the IPC
 * bridges talk to. Data flow per event: gateway → AccountState → RuleEngine → Enforcer → store,
 * then a coalesced snapshot push.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import type { AuditEntry, ConfigView, ConnectionState, PnlHistoryView, Snapshot, UnlockResult } from '../../shared/contract';
import type { Fill, GatewayEvent } from '../../shared/domain';
import { coversPosition, eventAccountId, isWorking, roundCents } from '../../shared/domain';
import { RULE_IDS } from '../../shared/rules';
import { ConfigError, loadConfigFile } from '../config/loader';
import type { RiskConfig } from '../config/schema';
import { splitChange } from '../config/strictness';
import { AccountState, type AccountSync } from '../engine/account-state';
import { MarketBook } from '../engine/market-book';
import type { LockRequest } from '../engine/rule';
import { RuleEngine } from '../engine/rule-engine';
import type { SessionClock } from '../engine/session-clock';
import { Enforcer } from '../enforcement/enforcer';
import { Executor, type ActionOutcome } from '../enforcement/executor';
import type { Action } from '../enforcement/planner';
import { Lockouts } from '../enforcement/lockouts';
import type { Elevator } from '../elevation/elevator';
import { OsElevator } from '../elevation/os-elevator';
import { GatewayClient, type GatewayCredentials } from '../gateway/gateway-client';
import { createLogger, type Logger } from '../log';
import { systemClock, type Clock, type TimerHandle } from '../schedule/clock';
import { wallTimeAt } from '../schedule/timezone';
import { wallClock } from '../../shared/time-format';
import { tradingDayAt, type TradingDay } from '../schedule/trading-day';
import { checkpoint, openDatabase, type Db } from '../store/database';
import { RiskStore } from '../store/risk-store';
import { AdminUnlock } from './admin-unlock';
import { Checkpoints } from './checkpoints';
import { Coalescer } from './coalescer';
import { describeFill, describeOutcome } from './describe';
import { rulesFromConfig } from './rules-from-config';
import { PnlHistory } from './pnl-history';
import { buildSnapshot } from './snapshot';
import { Timeline } from './timeline';

export interface RiskServiceOptions {
  credentials: GatewayCredentials;
  mode: 'demo' | 'live';
  config: RiskConfig;
  /** Where the config came from, for hot reload; null = built-in defaults. */
  configFile?: string | null;
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Executor backoff between retries of a transient failure. */
  backoffMs?: readonly number[];
  checkpoints?: Checkpoints;
  /** The OS elevation prompt for admin unlock (default: this platform's). */
  elevator?: Elevator;
  /** The account ids to guard; empty or absent = every account of the login. */
  guardAccounts?: readonly number[];
}

const PUSH_INTERVAL_MS = 50;
const HOUSEKEEPING_MS = 1000;
const CHECKPOINT_EVERY_TICKS = 30;
const TIMELINE_IN_SNAPSHOT = 200;
const LAST_RESET_KEY = 'last_reset_trading_day';

export class RiskService {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly db: Db;
  private readonly store: RiskStore;
  private readonly market = new MarketBook();
  private readonly accounts = new Map<number, AccountState>();
  private readonly pnlCurve = new PnlHistory();
  private engine: RuleEngine;
  private session: SessionClock | null;
  /** The config in force, the latest valid file (in force after the next reset), and what waits. */
  private config: RiskConfig;
  private target: RiskConfig;
  private configState: Snapshot['config'];
  private readonly lockouts: Lockouts;
  private readonly executor: Executor;
  private readonly enforcer: Enforcer;
  private readonly adminUnlock: AdminUnlock;
  private readonly timeline: Timeline;
  private readonly gateway: GatewayClient;
  private readonly push: Coalescer;
  private readonly listeners = new Set<(snapshot: Snapshot) => void>();
  private tradingDay: TradingDay;
  /** The trading day's date (the date of the reset that ends it), as stored with each fill. */
  private tradingDayLabel: string;
  private connection: Snapshot['connection'];
  private housekeeping: TimerHandle | null = null;
  /** Last quote, or last change of positions: the feed is silent when this is too old with positions open. */
  private lastMarketSign = 0;
  private restartingFeed = false;
  private ticks = 0;
  private stopped = false;
  readonly checkpoints: Checkpoints;

  constructor(private readonly options: RiskServiceOptions) {
    this.checkpoints = options.checkpoints ?? new Checkpoints();
    this.config = this.target = options.config;
    this.configState = { file: options.configFile ?? null, error: null, pendingAtReset: [] };
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? createLogger('service');
    this.db = openDatabase(path.join(options.dataDir, 'riskwarden.db'));
    this.store = new RiskStore(this.db);
    this.tradingDay = tradingDayAt(this.clock.now(), this.schedule());
    this.tradingDayLabel = this.labelOf(this.tradingDay);
    this.connection = { state: 'connecting', detail: null, since: this.isoNow() };
    this.push = new Coalescer(this.clock, PUSH_INTERVAL_MS, () => this.emitSnapshot());
    this.timeline = new Timeline(this.clock, () => this.push.request());
    const armed = rulesFromConfig(options.config);
    this.engine = new RuleEngine(armed.rules);
    this.session = armed.session;
    this.lockouts = new Lockouts(this.store, (request, now) => this.lockEnd(request, now), this.clock.now());
    this.gateway = new GatewayClient(
      options.credentials,
      {
        onEvent: (event) => this.onEvent(event),
        onConnection: (state, detail) => this.onConnection(state, detail),
        onSync: (syncs) => this.applySyncs(syncs),
        onContract: (contract) => this.market.addContract(contract),
      },
      createLogger('gateway'),
      options.guardAccounts,
    );
    this.executor = new Executor(this.gateway, this.store, this.clock, this.logger, (outcome) => this.onOutcome(outcome), {
      mode: options.config.enforcement.mode,
      stillNeeded: (action) => this.stillNeeded(action),
      reread: (action) => this.reread(action),
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    });
    this.enforcer = new Enforcer(this.store, this.lockouts, this.executor, this.timeline, (iso) => wallClock(iso, this.config.timezone));
    this.adminUnlock = new AdminUnlock({
      elevator: options.elevator ?? new OsElevator(),
      lockouts: this.lockouts,
      store: this.store,
      journal: this.timeline,
      clock: this.clock,
      dayEnd: () => this.tradingDay.end,
    });
  }

  private onOutcome(outcome: ActionOutcome): void {
    this.checkpoints.reach('enforcement triggered');
    this.timeline.add(
      'enforcement',
      outcome.action.accountId,
      describeOutcome(outcome),
      `${outcome.action.ruleId} · ${outcome.label}${outcome.detail ? ` — ${outcome.detail}` : ''}`,
    );
  }

  /** Connects, loads today's state and arms the rules; resolves once enforcement is live. */
  async start(): Promise<void> {
    this.store.audit(this.isoNow(), 'service', 'start', null, `${this.options.mode} mode, enforcement ${this.config.enforcement.mode}`);
    this.applyMissedReset();
    this.expireLocks(this.clock.now());
    try {
      const initial = await this.gateway.connect(this.tradingDay.start);
      this.checkpoints.reach('gateway connected');
      for (const contract of initial.contracts) this.market.addContract(contract);
      for (const account of initial.accounts) {
        const state = new AccountState(account, this.market);
        state.restoreProtectionClocks((this.store.ruleState(account.id, RULE_IDS.noStopLossGrace) ?? {}) as Record<string, number>);
        this.accounts.set(account.id, state);
      }
      this.applySyncs(initial.syncs);
      this.checkpoints.reach('rules initialised');
    } catch (error) {
      this.onConnection('failed', (error as Error).message);
      throw error;
    }
    this.scheduleHousekeeping();
    this.checkpoints.reach('event loop running');
    this.push.request();
  }

  async stop(): Promise<void> {
    if (!this.halt()) return;
    await this.gateway.stop();
    await this.executor.idle();
    this.closeStore();
  }

  /**
   * When the OS ends the session (Windows logoff) the process is ended right after the handler
   * returns: there is no time to wait for the gateway, only to close the store cleanly.
   */
  closeStoreNow(): void {
    if (this.halt()) this.closeStore();
  }

  /** Stops the timers once; false when the service was already stopping. */
  private halt(): boolean {
    if (this.stopped) return false;
    this.stopped = true;
    this.housekeeping?.cancel();
    this.push.cancel();
    return true;
  }

  private closeStore(): void {
    checkpoint(this.db);
    this.db.close();
  }

  snapshot(): Snapshot {
    return buildSnapshot(
      {
        mode: this.options.mode,
        enforcementMode: this.config.enforcement.mode,
        config: this.configState,
        connection: this.connection,
        tradingDay: {
          start: new Date(this.tradingDay.start).toISOString(),
          nextReset: new Date(this.tradingDay.end).toISOString(),
          timezone: this.config.timezone,
        },
        timeline: this.timeline.latest(TIMELINE_IN_SNAPSHOT),
      },
      {
        accounts: this.accounts.values(),
        market: this.market,
        engine: this.engine,
        enforcer: this.enforcer,
        lockouts: this.lockouts,
        now: this.clock.now(),
        loggedOut: this.connection.state === 'loggedOut',
      },
    );
  }

  onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lifts an account's lock once the OS prompt proves an administrator; every attempt is audited. */
  requestUnlock(accountId: number, reason: string): Promise<UnlockResult> {
    return this.adminUnlock.request(accountId, reason);
  }

  /** The configuration in force (defaults filled in), the last refused edit and what waits for the reset. */
  configView(): ConfigView {
    return { ...this.configState, effective: stringify(this.config) };
  }

  pnlHistory(accountId: number): PnlHistoryView {
    return { accountId, points: this.pnlCurve.of(accountId).map((p) => ({ at: new Date(p.at).toISOString(), total: p.total })) };
  }

  auditLog(limit: number): AuditEntry[] {
    return this.store.latestAudit(limit);
  }

  /** Waits for every enforcement call sent so far (shutdown, tests). */
  settled(): Promise<void> {
    return this.executor.idle();
  }

  private onEvent(event: GatewayEvent): void {
    this.checkpoints.reach('event received');
    if (event.type === 'quote') {
      this.lastMarketSign = this.clock.now();
      if (this.connection.state === 'stale') this.setConnection('live', 'quotes are flowing again');
      this.market.applyQuote(event.quote);
      for (const account of this.accounts.values()) {
        if (account.position(event.quote.contractId)) this.evaluate(account, event);
      }
      this.push.request();
      return;
    }
    const accountId = eventAccountId(event);
    let account = accountId === null ? undefined : this.accounts.get(accountId);
    if (!account) {
      if (accountId !== null && !this.gateway.guards(accountId)) return;
      if (event.type !== 'account') {
        this.logger.warn(`ignored a ${event.type} event of unknown account ${accountId}`);
        return;
      }
      account = new AccountState(event.account, this.market);
      this.accounts.set(event.account.id, account);
    }
    const fill = account.apply(event);
    if (fill) this.recordFills(account.id, [fill]);
    if (event.type === 'position') {
      this.executor.settlePosition(account.id, event.position.contractId);
      // A new or changed position is not judged by a quote older than itself.
      this.lastMarketSign = this.clock.now();
    }
    if (event.type === 'positionClosed') this.executor.settlePosition(account.id, event.contractId);
    if (event.type === 'order') this.executor.settleOrder(account.id, event.order.id, event.order.contractId);
    // A fill seen before (a replay after a reconnect) must not fire a per-fill rule twice.
    this.evaluate(account, event.type === 'fill' && !fill ? null : event);
    this.push.request();
  }

  private applySyncs(syncs: readonly AccountSync[]): void {
    for (const sync of syncs) {
      const account = this.accounts.get(sync.accountId);
      if (!account) continue;
      this.recordFills(account.id, account.reconcile(sync));
      for (const position of sync.positions) this.executor.settlePosition(account.id, position.contractId);
      this.evaluate(account, null);
    }
    this.push.request();
  }

  /** After a final refusal: does the gateway still show what the action was for? */
  private async stillNeeded(action: Action): Promise<boolean> {
    try {
      if (action.kind === 'cancelOrder') {
        const order = await this.gateway.order(action.accountId, action.orderId);
        return order !== null && isWorking(order);
      }
      const { positions } = await this.gateway.openState(action.accountId);
      return positions.some((p) => p.contractId === action.contractId);
    } catch (error) {
      this.logger.warn(`could not re-read the account after a refused ${action.kind}: ${(error as Error).message}`);
      return true;
    }
  }

  /** Before a trim or a new stop is sent again after an ambiguous failure: what is left to do, per the gateway. */
  private async reread(action: Action): Promise<Action | null> {
    if (action.kind !== 'reducePosition' && !(action.kind === 'moveStop' && action.orderId === null)) return action;
    const { positions, orders } = await this.gateway.openState(action.accountId);
    const position = positions.find((p) => p.contractId === action.contractId);
    if (action.kind === 'reducePosition') {
      const excess = position ? Math.abs(position.size) - action.targetSize : 0;
      return excess > 0 ? { ...action, size: excess } : null;
    }
    return position && !orders.some((o) => coversPosition(o, position)) ? action : null;
  }

  private evaluate(account: AccountState, event: GatewayEvent | null): void {
    const now = this.clock.now();
    const protectionChanged = account.updateProtection(now);
    const breaches = this.engine.evaluate({
      account,
      market: this.market,
      event,
      now,
      loggedOut: this.connection.state === 'loggedOut',
      closing: this.executor.closing(account.id),
    });
    if (event) this.checkpoints.reach('rule evaluated');
    this.enforcer.handle(account, breaches, now);
    // After enforcement has gone out: this write must never delay a close.
    if (protectionChanged && this.config.rules.no_stop_loss_grace)
      this.store.setRuleState(account.id, RULE_IDS.noStopLossGrace, account.protectionClocks());
  }

  private recordFills(accountId: number, fills: readonly Fill[]): void {
    if (fills.length === 0) return;
    this.store.transaction(() => {
      for (const fill of fills) this.store.recordFill(fill, this.tradingDayLabel);
    });
    for (const fill of fills)
      this.timeline.add('fill', accountId, describeFill(fill), fill.fees ? `fees ${roundCents(fill.fees).toFixed(2)}` : null);
    const account = this.accounts.get(accountId);
    if (account) this.recordPnl(account, this.clock.now());
  }

  private recordPnl(account: AccountState, now: number): void {
    this.pnlCurve.record(account.id, now, roundCents(account.realizedPnl() + account.unrealizedPnl()));
  }

  private onConnection(state: ConnectionState, detail: string | null): void {
    // A hub that reconnects does not prove quotes flow again; only a quote clears "data stale".
    if (this.connection.state === 'stale' && state === 'live') return;
    this.setConnection(state, detail);
  }

  private setConnection(state: ConnectionState, detail: string | null): void {
    if (state === this.connection.state && detail === this.connection.detail) return;
    this.connection = { state, detail, since: this.isoNow() };
    this.timeline.add('connection', null, `Gateway ${state}`, detail);
    if (state === 'failed' || state === 'loggedOut') this.logger.error(`gateway ${state}: ${detail ?? ''}`);
    for (const account of this.accounts.values()) this.evaluate(account, null);
  }

  private scheduleHousekeeping(): void {
    if (this.stopped) return;
    this.housekeeping = this.clock.setTimeout(() => {
      this.runHousekeeping();
      this.scheduleHousekeeping();
    }, HOUSEKEEPING_MS);
  }

  /** Daily reset and lock expiry; both are wall-clock events, checked once a second. */
  private runHousekeeping(): void {
    const now = this.clock.now();
    if (now >= this.tradingDay.end) this.dailyReset(now);
    this.expireLocks(now);
    this.watchMarketFeed(now);
    // Grace periods and session ends are reached by time, not by events.
    for (const account of this.accounts.values()) {
      this.evaluate(account, null);
      this.recordPnl(account, now);
    }
    if (++this.ticks % CHECKPOINT_EVERY_TICKS === 0) checkpoint(this.db);
    this.push.request();
  }

  /**
   * Hot reload: a refused file leaves the config in force and says why; a valid one applies its
   * tightenings at once and holds its loosenings until the next reset.
   */
  applyConfigFile(file: string): void {
    let next: RiskConfig;
    try {
      next = loadConfigFile(file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.configState = { ...this.configState, error: error.message };
      this.store.audit(this.isoNow(), 'config', 'reload refused', null, error.message);
      this.timeline.add('config', null, 'Config change refused — the previous config stays in force', error.message);
      return;
    }
    const { effective, pending } = splitChange(this.config, next);
    this.target = next;
    this.enforceConfig(effective);
    this.configState = { file, error: null, pendingAtReset: pending };
    const detail = pending.length ? `pending at reset: ${pending.join('; ')}` : 'all changes in force';
    this.store.audit(this.isoNow(), 'config', 'reload', null, detail);
    this.timeline.add('config', null, 'Config reloaded', detail);
  }

  private enforceConfig(config: RiskConfig): void {
    if (JSON.stringify(config) === JSON.stringify(this.config)) return;
    this.config = config;
    const armed = rulesFromConfig(config);
    this.engine = new RuleEngine(armed.rules);
    this.session = armed.session;
    this.executor.setMode(config.enforcement.mode);
    for (const account of this.accounts.values()) this.evaluate(account, null);
    this.push.request();
  }

  /** The staleness watchdog: the feed can freeze while its socket looks healthy. */
  private watchMarketFeed(now: number): void {
    const holding = [...this.accounts.values()].some((a) => a.positions().length > 0);
    const silentMs = now - this.lastMarketSign;
    if (!holding || this.restartingFeed || silentMs < this.config.market_data.stale_after_seconds * 1000) return;
    this.setConnection('stale', `no quote for ${Math.round(silentMs / 1000)} s with positions open; restarting the market feed`);
    this.restartingFeed = true;
    this.lastMarketSign = now;
    this.gateway
      .restartMarketFeed()
      .catch((error: unknown) => this.logger.error(`market feed restart failed: ${(error as Error).message}`))
      .finally(() => (this.restartingFeed = false));
  }

  private dailyReset(now: number): void {
    if (this.configState.pendingAtReset.length > 0) {
      this.enforceConfig(this.target);
      this.timeline.add('config', null, 'Held config changes now in force', this.configState.pendingAtReset.join('; '));
      this.configState = { ...this.configState, pendingAtReset: [] };
    }
    this.tradingDay = tradingDayAt(now, this.schedule());
    this.tradingDayLabel = this.labelOf(this.tradingDay);
    this.gateway.setTradingDayStart(this.tradingDay.start);
    for (const account of this.accounts.values()) account.startNewDay();
    this.pnlCurve.clear();
    this.recordReset('P&L and trade counts start again at zero');
  }

  /** A reset that came while Risk Warden was closed is recorded now; today's state is loaded fresh anyway. */
  private applyMissedReset(): void {
    const last = this.store.meta(LAST_RESET_KEY);
    if (last === null) this.store.setMeta(LAST_RESET_KEY, new Date(this.tradingDay.start).toISOString());
    else if (Date.parse(last) < this.tradingDay.start)
      this.recordReset(`missed while Risk Warden was closed (last reset applied: ${last}); applied at start`);
  }

  private recordReset(detail: string): void {
    const dayStart = new Date(this.tradingDay.start).toISOString();
    this.store.transaction(() => {
      this.store.setMeta(LAST_RESET_KEY, dayStart);
      this.store.audit(this.isoNow(), 'schedule', 'daily reset', null, `trading day from ${dayStart}: ${detail}`);
    });
    this.timeline.add('reset', null, 'Daily reset', detail);
  }

  private expireLocks(now: number): void {
    for (const lock of this.lockouts.expire(now)) {
      this.timeline.add('unlock', lock.accountId, `Unlocked (${lock.kind} ended)`, lock.reason);
    }
  }

  private lockEnd(request: LockRequest, now: number): number | null {
    switch (request.kind) {
      case 'cooldown':
        return now + request.durationMs;
      case 'untilReset':
        return tradingDayAt(now, this.schedule()).end;
      case 'untilSessionStart':
        return this.session ? this.session.nextStart(now) : tradingDayAt(now, this.schedule()).end;
      case 'untilAdmin':
        return null;
    }
  }

  private labelOf(day: TradingDay): string {
    const end = wallTimeAt(day.end, this.config.timezone);
    return `${end.year}-${String(end.month).padStart(2, '0')}-${String(end.day).padStart(2, '0')}`;
  }

  private schedule() {
    return { timezone: this.config.timezone, resetTime: this.config.daily_reset };
  }

  private emitSnapshot(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
