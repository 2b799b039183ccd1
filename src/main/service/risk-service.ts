/**
 * RiskService: the composition root shared by the Electron app and the web host, and the API the
 * IPC bridges talk to. It builds the object graph once (gateway, event pipeline, enforcement, the
 * config in force, the day cycle, the store). Data flow per event: gateway → EventPipeline
 * (AccountState → RuleEngine → Enforcer → Executor) → store, then a coalesced snapshot push.
 */
import type { DemoControl } from './demo-control';
import path from 'node:path';
import type {
  AuditEntry,
  ConfigView,
  PnlHistoryView,
  SelfLockPreview,
  SelfLockRequest,
  Snapshot,
  UnlockChoice,
  UnlockResult,
} from '../../shared/contract';
import type { RiskConfig } from '../config/schema';
import { MarketBook } from '../engine/market-book';
import { Enforcer } from '../enforcement/enforcer';
import { Executor } from '../enforcement/executor';
import { OwnStops } from '../enforcement/own-stops';
import type { Journal } from '../enforcement/journal';
import { Lockouts } from '../enforcement/lockouts';
import type { Elevator } from '../elevation/elevator';
import { OsElevator } from '../elevation/os-elevator';
import { GatewayClient, type GatewayCredentials } from '../gateway/gateway-client';
import { createLogger, type Logger } from '../log';
import { systemClock, type Clock } from '../schedule/clock';
import { openDatabase, type Db } from '../store/database';
import { recordKeySource, type RecordKeySource } from '../store/record-key';
import { openRecords, RECORDS_ALTERED, type Records } from '../store/records';
import { tradingDayAt } from '../schedule/trading-day';
import { RiskStore } from '../store/risk-store';
import { AdminUnlock, loadOverrides } from './admin-unlock';
import { Checkpoints } from './checkpoints';
import { ConfigInForce } from './config-in-force';
import { ConnectionStatus } from './connection-status';
import { DayCycle } from './day-cycle';
import { EventPipeline } from './event-pipeline';
import { FeedWatchdog } from './feed-watchdog';
import { Housekeeping } from './housekeeping';
import { reconcileInterruptedActions } from './interrupted-actions';
import { MarketData } from './market-data';
import { Problems } from './problems';
import { buildSnapshot, freshLimitOf, type ServiceParts } from './snapshot';
import { SnapshotFeed } from './snapshot-feed';
import { StoreWrites } from './store-writes';
import { Timeline } from './timeline';
import { FlattenAndLock } from './flatten-and-lock';
import { KillSwitch, type KillSwitchSource } from './kill-switch';
import { SelfLock } from './self-lock';
import { AlertDispatch } from '../alerts/alert-dispatch';
import type { WebhookTarget } from '../alerts/webhook-target';

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
  /** Where the key sealing the records is kept (default: a 0600 file in the data folder). */
  recordKey?: RecordKeySource;
  /** Demo mode only: what the demo panel trades (the in-process simulator's contracts and prices). */
  demo?: Pick<DemoControl, 'view'> | null;
  /** Where breaches and locks are posted off the machine; absent = no alerts. */
  webhook?: WebhookTarget | null;
  /** Tests only: the service's own database connection, once open (to make it refuse writes for real). */
  databaseOpened?(db: Db): void;
}

export class RiskService {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly db: Db;
  private readonly records: Records;
  private readonly store: RiskStore;
  private readonly writes: StoreWrites;
  private readonly config: ConfigInForce;
  private readonly executor: Executor;
  private readonly adminUnlock: AdminUnlock;
  private readonly gateway: GatewayClient;
  private readonly connection: ConnectionStatus;
  private readonly day: DayCycle;
  private readonly pipeline: EventPipeline;
  private readonly feed: SnapshotFeed;
  private readonly parts: ServiceParts;
  private readonly housekeeping: Housekeeping;
  private readonly selfLockout: SelfLock;
  private readonly killSwitcher: KillSwitch;
  private readonly alerts: AlertDispatch | null;
  private stopped = false;
  readonly checkpoints: Checkpoints;

  constructor(private readonly options: RiskServiceOptions) {
    const clock = (this.clock = options.clock ?? systemClock);
    const logger = (this.logger = options.logger ?? createLogger('service'));
    const market = new MarketBook();
    const checkpoints = (this.checkpoints = options.checkpoints ?? new Checkpoints());
    const file = path.join(options.dataDir, 'riskwarden.db');
    this.db = openDatabase(file, { mode: options.mode });
    options.databaseOpened?.(this.db);
    const feed = (this.feed = new SnapshotFeed(clock, () => this.snapshot()));
    const timeline = new Timeline(clock, () => feed.changed());
    const problems = new Problems({ clock, journal: timeline });
    try {
      const keySource = options.recordKey ?? recordKeySource(options.dataDir);
      this.records = openRecords({
        db: this.db,
        folder: options.dataDir,
        keySource,
        now: clock.now(),
        onHead: (failure) => showHead(problems, failure, options.dataDir),
      });
    } catch (error) {
      this.db.close();
      throw error;
    }
    const store = (this.store = new RiskStore(this.db, this.records));
    const marketData = new MarketData({ problems, changed: () => feed.changed() });
    // Every write of the running service: a store that refuses one never stops enforcement.
    const writes = (this.writes = new StoreWrites({ store, file, problems, logger }));
    reconcileInterruptedActions(store, writes, timeline, clock.now());
    const alerts = (this.alerts = options.webhook
      ? new AlertDispatch({
          target: options.webhook,
          clock,
          logger: createLogger('alerts'),
          problems,
          about: (accountId) => ({
            name: [...this.pipeline.accounts()].find((a) => a.id === accountId)?.account.name ?? null,
            lockRuleId: this.parts.lockouts.current(accountId)?.ruleId ?? null,
          }),
        })
      : null);
    const journal: Journal = {
      add(kind, accountId, title, detail, tone) {
        if (kind === 'enforcement') checkpoints.reach('enforcement triggered');
        timeline.add(kind, accountId, title, detail, tone);
        alerts?.add(kind, accountId, title, detail, tone);
      },
    };
    const schedule = { timezone: options.config.timezone, resetTime: options.config.daily_reset };
    const { overrides, refused } = loadOverrides(store, clock.now(), schedule);
    const at = new Date(clock.now()).toISOString();
    for (const why of refused)
      writes.write('a refused override', (records) => records.audit(at, 'service', RECORDS_ALTERED, null, `left out ${why}`));
    // Shown all trading day: a restart does not make what start found go away.
    const altered = store.auditDetails(RECORDS_ALTERED, new Date(tradingDayAt(clock.now(), schedule).start).toISOString());
    if (altered.length > 0)
      problems.report(
        'records',
        'Records not as Risk Warden left them',
        `${altered.join('; ')}. The stricter state was kept; the audit log has each finding`,
      );
    const config = (this.config = new ConfigInForce(
      { store, recorder: writes, journal, clock, onChange: (next) => this.onConfigChange(next), overrides },
      options.config,
      options.configFile ?? null,
    ));
    const lockouts = new Lockouts(store, writes, () => config.calendar);
    const connection = (this.connection = new ConnectionStatus({ clock, journal, logger, onChange: () => this.pipeline.evaluateAll() }));
    this.gateway = new GatewayClient(
      options.credentials,
      {
        onEvent: (event) => {
          if (event.type === 'quote') marketData.quoteSeen();
          this.pipeline.onEvent(event);
        },
        onConnection: (state, detail) => connection.report(state, detail),
        onMarketData: (reason) => marketData.report(reason),
        onSync: (syncs) => this.pipeline.applySyncs(syncs),
        onContract: (contract) => this.pipeline.addContract(contract),
      },
      createLogger('gateway'),
      options.guardAccounts,
      // The gateway times against the broker's real clock (token expiry, the rate window, retries),
      // never the trading clock a test moves forward.
      systemClock,
    );
    const ownStops = new OwnStops(store, writes, logger);
    const executor = (this.executor = new Executor({
      broker: this.gateway,
      recorder: writes,
      clock,
      logger,
      journal,
      contracts: market,
      mode: config.config.enforcement.mode,
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
      stopPlaced: (accountId, orderId) => {
        ownStops.add(accountId, orderId);
        this.pipeline.evaluateAccount(accountId);
      },
    }));
    const enforcer = new Enforcer(writes, lockouts, executor, journal);
    const watchdog = new FeedWatchdog({
      clock,
      connection,
      logger,
      restartFeed: () => this.gateway.restartMarketFeed(),
      staleAfterMs: () => config.config.market_data.stale_after_seconds * 1000,
      quotesRefused: () => marketData.unavailable !== null,
    });
    const day = (this.day = new DayCycle({
      store,
      recorder: writes,
      lockouts,
      journal,
      clock,
      schedule: () => config.calendar.schedule,
      beforeReset: () => config.applyHeld(),
      onNewDay: (next) => {
        this.gateway.setTradingDayStart(next.start);
        this.pipeline.startNewDay();
      },
    }));
    const pipeline = (this.pipeline = new EventPipeline({
      market,
      store,
      recorder: writes,
      executor,
      enforcer,
      ownStops,
      journal,
      checkpoints,
      clock,
      logger,
      config,
      connection,
      day,
      watchdog,
      guards: (accountId) => this.gateway.guards(accountId),
      changed: () => feed.changed(),
    }));
    this.housekeeping = new Housekeeping({
      clock,
      checkpoint: () => this.records.checkpoint(),
      day,
      watchdog,
      pipeline,
      writes,
      logger,
      changed: () => feed.changed(),
    });
    this.adminUnlock = new AdminUnlock({
      elevator: options.elevator ?? new OsElevator(),
      lockouts,
      store,
      journal: timeline,
      clock,
      dayEnd: () => day.day.end,
      overrides,
      freshLimit: (accountId, ruleId) => freshLimitOf(this.parts, accountId, ruleId),
      timeZone: () => config.config.timezone,
      unlocked: () => {
        this.pipeline.evaluateAll();
        feed.changed();
      },
    });
    const flatten = new FlattenAndLock({
      lockouts,
      executor,
      recorder: writes,
      journal,
      ruleTitle: (ruleId) => config.engine.rules.find((r) => r.id === ruleId)?.title ?? null,
    });
    const guarded = () => pipeline.accounts();
    this.selfLockout = new SelfLock({
      flatten,
      accounts: guarded,
      calendar: () => config.calendar,
      clock,
      contracts: market,
      changed: () => feed.changed(),
    });
    this.killSwitcher = new KillSwitch({ flatten, accounts: guarded, clock, changed: () => feed.changed() });
    this.parts = {
      mode: options.mode,
      demo: options.demo ?? null,
      config,
      connection,
      day,
      timeline,
      pipeline,
      market,
      enforcer,
      lockouts,
      problems,
      marketData,
      clock,
    };
  }

  /** Connects, loads today's state and arms the rules; resolves once enforcement is live. */
  async start(): Promise<void> {
    const { mode } = this.options;
    const at = new Date(this.clock.now()).toISOString();
    const detail = `${mode} mode, enforcement ${this.config.config.enforcement.mode}`;
    this.writes.write('the start', (store) => store.audit(at, 'service', 'start', null, detail));
    this.day.catchUp(this.clock.now());
    try {
      const initial = await this.gateway.connect(this.day.day.start);
      this.checkpoints.reach('gateway connected');
      this.pipeline.load(initial);
      this.checkpoints.reach('rules initialised');
    } catch (error) {
      this.connection.report('failed', (error as Error).message);
      throw error;
    }
    this.housekeeping.start();
    this.checkpoints.reach('event loop running');
    this.feed.changed();
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
    this.housekeeping.stop();
    this.feed.stop();
    this.alerts?.stop();
    return true;
  }

  /** What waits is tried once more (what is lost is logged); a store that refuses the checkpoint is closed all the same. */
  private closeStore(): void {
    this.writes.close();
    try {
      this.records.checkpoint();
    } catch (error) {
      this.logger.error(`the checkpoint at the stop failed: ${(error as Error).message}`);
    }
    this.db.close();
  }

  snapshot(): Snapshot {
    return buildSnapshot(this.parts);
  }

  onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
    return this.feed.subscribe(listener);
  }

  /** Lifts an account's lock once the OS prompt proves an administrator; every attempt is audited. */
  requestUnlock(accountId: number, reason: string, choice: UnlockChoice = 'resume'): Promise<UnlockResult> {
    return this.adminUnlock.request(accountId, reason, choice);
  }

  /** What a self-lockout would do, in words, before the trader confirms it (see SelfLock). */
  selfLockPreview(request: SelfLockRequest): SelfLockPreview {
    return this.selfLockout.preview(request);
  }

  /** Flattens and locks the accounts until the chosen end; only an admin unlock lifts it early. */
  selfLock(request: SelfLockRequest): { message: string } {
    return this.selfLockout.lock(request);
  }

  /** Flattens every guarded account, cancels every order and locks each until the daily reset. */
  killSwitch(source: KillSwitchSource = 'dashboard'): { message: string } {
    return this.killSwitcher.press(source);
  }

  /** The configuration in force (defaults filled in), the last refused edit and what waits for the reset. */
  configView(): ConfigView {
    return this.config.view();
  }

  /** Hot reload of the config file (see ConfigInForce). */
  applyConfigFile(file: string): void {
    this.config.applyFile(file);
  }

  pnlHistory(accountId: number): PnlHistoryView {
    const loss = this.config.config.rules.daily_realized_loss;
    const counts = loss?.enabled ? (loss.include_unrealized ? 'total' : 'realized') : null;
    return this.pipeline.pnlHistory(accountId, counts);
  }

  auditLog(limit: number): AuditEntry[] {
    return this.store.latestAudit(limit);
  }

  /** Waits for every enforcement call sent so far (shutdown, tests). */
  settled(): Promise<void> {
    return this.executor.idle();
  }

  private onConfigChange(config: RiskConfig): void {
    this.executor.setMode(config.enforcement.mode);
    this.pipeline.evaluateAll();
    this.feed.changed();
  }
}

/** A records head that could not be written is shown until one is. */
function showHead(problems: Problems, failure: Error | null, dataDir: string): void {
  if (failure === null) return problems.clear('seal', 'Records sealed again');
  problems.report(
    'seal',
    'Records cannot be sealed',
    `${path.join(dataDir, 'riskwarden.head')} could not be written (${failure.message}). Enforcement goes on; until it is written, a database put back from an older copy would not be noticed. Check the data folder's permissions and free space`,
  );
}
