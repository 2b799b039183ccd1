/**
 * The event pipeline: each gateway event or REST reconcile is applied to its account, confirms
 * enforcement actions, is judged by the rules in force, and the breaches go to enforcement; fills
 * are stored and told, and the P&L curve follows. Writes go through the Recorder: a store that
 * refuses them never stops an event on its way to enforcement.
 */
import type { PnlHistoryView } from '../../shared/contract';
import type { Account, Contract, Fill, GatewayEvent } from '../../shared/domain';
import { eventAccountId, roundCents } from '../../shared/domain';
import { money } from '../../shared/money';
import { AccountState, type AccountSync } from '../engine/account-state';
import { DAY_HIGH_STATE_ID } from '../engine/day-high';
import type { MarketBook } from '../engine/market-book';
import { noStopLossGrace } from '../engine/rules/no-stop-loss-grace';
import type { Enforcer } from '../enforcement/enforcer';
import type { Executor, Recorder } from '../enforcement/executor';
import type { Journal } from '../enforcement/journal';
import type { OwnStops } from '../enforcement/own-stops';
import type { GatewayInitialState } from '../gateway/gateway-client';
import type { Logger } from '../log';
import type { Clock } from '../schedule/clock';
import type { RiskStore } from '../store/risk-store';
import type { Checkpoints } from './checkpoints';
import type { ConfigInForce } from './config-in-force';
import type { ConnectionStatus } from './connection-status';
import type { DayCycle } from './day-cycle';
import { describeFill } from './fill-text';
import type { FeedWatchdog } from './feed-watchdog';
import { PnlHistory } from './pnl-history';
import { loadWeekBefore, rollWeekBefore, type WeekSource } from './week-before';

/** A rising day's high is saved at most this often per account; what rose in between is saved at the next tick. */
const HIGH_SAVE_INTERVAL_MS = 1000;

export interface EventPipelineDeps {
  market: MarketBook;
  /** Read at the connect; written through `recorder`. */
  store: RiskStore;
  recorder: Recorder;
  executor: Executor;
  enforcer: Enforcer;
  ownStops: OwnStops;
  journal: Journal;
  checkpoints: Checkpoints;
  clock: Clock;
  logger: Logger;
  config: ConfigInForce;
  connection: ConnectionStatus;
  day: DayCycle;
  watchdog: FeedWatchdog;
  /** Whether events of this account are Risk Warden's business. */
  guards(accountId: number): boolean;
  /** Something on screen changed. */
  changed(): void;
}

export class EventPipeline {
  private readonly byId = new Map<number, AccountState>();
  private readonly pnlCurve = new PnlHistory();
  /** Accounts whose day's high rose since it was last saved, and when each was last saved. */
  private readonly highsToSave = new Set<AccountState>();
  private readonly highSavedAt = new WeakMap<AccountState, number>();

  constructor(private readonly deps: EventPipelineDeps) {}

  accounts(): IterableIterator<AccountState> {
    return this.byId.values();
  }

  holdsPositions(): boolean {
    return [...this.byId.values()].some((a) => a.positions().length > 0);
  }

  /** Today's curve; `lossLimitCounts` says which of its figures the daily loss limit judges. */
  pnlHistory(accountId: number, lossLimitCounts: PnlHistoryView['lossLimitCounts']): PnlHistoryView {
    const points = this.pnlCurve.of(accountId).map((p) => ({ at: new Date(p.at).toISOString(), realized: p.realized, total: p.total }));
    return { accountId, points, lossLimitCounts };
  }

  /** The connect's snapshot: contracts, the guarded accounts (with their stop-loss grace clocks as stored) and their state. */
  load(initial: GatewayInitialState): void {
    for (const contract of initial.contracts) this.addContract(contract);
    for (const account of initial.accounts) this.byId.set(account.id, this.accountState(account));
    this.applySyncs(initial.syncs);
  }

  /** An account as the store last knew it: its grace clocks, the day's high and the week before today. */
  private accountState(account: Account): AccountState {
    const state = new AccountState(account, this.deps.market);
    state.restoreProtectionClocks((this.deps.store.ruleState(account.id, noStopLossGrace.id) ?? {}) as Record<string, number>);
    state.dayHigh.restore(this.deps.store.ruleState(account.id, DAY_HIGH_STATE_ID), this.deps.day.label);
    loadWeekBefore(state, this.weekSource());
    return state;
  }

  addContract(contract: Contract): void {
    this.deps.market.addContract(contract);
  }

  onEvent(event: GatewayEvent): void {
    const { checkpoints, executor, logger } = this.deps;
    checkpoints.reach('event received');
    if (event.type === 'quote') return this.onQuote(event);
    const accountId = eventAccountId(event);
    let account = accountId === null ? undefined : this.byId.get(accountId);
    if (!account) {
      if (accountId !== null && !this.deps.guards(accountId)) return;
      if (event.type !== 'account') {
        logger.warn(`ignored a ${event.type} event of unknown account ${accountId}`);
        return;
      }
      account = this.accountState(event.account);
      this.byId.set(event.account.id, account);
    }
    const fill = account.apply(event);
    if (fill && executor.closesPosition(account.id, fill.contractId)) account.behaviour.ours(fill);
    if (fill) this.recordFills(account, [fill]);
    executor.observe(account);
    if (event.type === 'position') this.deps.watchdog.positionChanged();
    // A fill seen before (a replay after a reconnect) must not fire a per-fill rule twice.
    this.evaluate(account, event.type === 'fill' && !fill ? null : event);
    this.deps.changed();
  }

  applySyncs(syncs: readonly AccountSync[]): void {
    for (const sync of syncs) {
      const account = this.byId.get(sync.accountId);
      if (!account) continue;
      this.recordFills(account, account.reconcile(sync));
      account.marksValidFrom = this.deps.connection.lostAt ?? -Infinity;
      this.deps.executor.observe(account);
      this.evaluate(account, null);
    }
    this.deps.changed();
  }

  evaluateAll(): void {
    for (const account of this.byId.values()) this.evaluate(account, null);
  }

  evaluateAccount(accountId: number): void {
    const account = this.byId.get(accountId);
    if (account) this.evaluate(account, null);
  }

  /**
   * Grace periods and session ends are reached by time, not by events; a fill's messages that
   * never all came are settled on the broker's word; the P&L curve gets its point.
   */
  tick(now: number): void {
    for (const account of this.byId.values()) {
      const overdue = account.settleOverdue(now);
      if (overdue.length > 0) {
        this.deps.logger.warn(
          `account ${account.id}: the messages of a fill on ${overdue.join(', ')} never all came; took the broker's word`,
        );
        this.deps.executor.observe(account);
      }
      this.evaluate(account, null);
      this.recordPnl(account, now);
    }
    for (const account of this.highsToSave) this.saveHigh(account, now);
  }

  startNewDay(): void {
    const week = this.weekSource();
    for (const account of this.byId.values()) rollWeekBefore(account, week, () => account.startNewDay());
    this.pnlCurve.clear();
  }

  /** Where the week before today is read from (see week-before.ts), for the day in force. */
  private weekSource(): WeekSource {
    const { store, logger, config, clock, day } = this.deps;
    return { store, logger, schedule: config.calendar.schedule, now: clock.now(), today: day.label };
  }

  private onQuote(event: Extract<GatewayEvent, { type: 'quote' }>): void {
    this.deps.watchdog.quoteSeen();
    this.deps.market.applyQuote(event.quote, this.deps.clock.now());
    for (const account of this.byId.values()) {
      if (account.position(event.quote.contractId)) this.evaluate(account, event);
    }
    this.deps.changed();
  }

  private evaluate(account: AccountState, event: GatewayEvent | null): void {
    const { clock, config, connection, enforcer, executor, recorder, checkpoints } = this.deps;
    const now = clock.now();
    const protectionChanged = account.updateProtection(now);
    const highRose = account.dayHigh.follow(account);
    const breaches = config.engine.evaluate({
      account,
      market: this.deps.market,
      event,
      now,
      loggedOut: connection.loggedOut,
      closing: executor.closing(account.id),
    });
    if (event) checkpoints.reach('rule evaluated');
    enforcer.handle(account, breaches, now, config.engine.rules);
    // A quote moves neither positions nor orders, so it cannot strand a stop of ours: not on the hot path.
    if (event?.type !== 'quote') for (const cancel of this.deps.ownStops.strays(account)) executor.submit(cancel, cancel.reason);
    // After enforcement has gone out: this write must never delay a close.
    if (protectionChanged && config.config.rules.no_stop_loss_grace) {
      const clocks = account.protectionClocks();
      recorder.write(
        `the stop-loss grace clocks of account ${account.id}`,
        (store) => store.setRuleState(account.id, noStopLossGrace.id, clocks),
        {
          keep: true,
          key: `rule_state:${account.id}:${noStopLossGrace.id}`,
        },
      );
    }
    // A restart must not lower the trailing floor, so a new high is saved at once; a market rising
    // quote after quote saves at most once a second (the rest at the next tick), not once per quote.
    if (highRose && (config.config.rules.trailing_daily_loss || config.config.rules.profit_giveback)) {
      if (now - (this.highSavedAt.get(account) ?? -Infinity) >= HIGH_SAVE_INTERVAL_MS) this.saveHigh(account, now);
      else this.highsToSave.add(account);
    }
  }

  private saveHigh(account: AccountState, now: number): void {
    const saved = account.dayHigh.saved(this.deps.day.label);
    this.deps.recorder.write(
      `the day's P&L high of account ${account.id}`,
      (store) => store.setRuleState(account.id, DAY_HIGH_STATE_ID, saved),
      { keep: true, key: `rule_state:${account.id}:${DAY_HIGH_STATE_ID}` },
    );
    this.highSavedAt.set(account, now);
    this.highsToSave.delete(account);
  }

  private recordFills(account: AccountState, fills: readonly Fill[]): void {
    if (fills.length === 0) return;
    const { recorder, journal, day, clock } = this.deps;
    const tradingDay = day.label;
    recorder.write(`${fills.length === 1 ? 'a fill' : `${fills.length} fills`} of account ${account.id}`, (store) => {
      for (const fill of fills) store.recordFill(fill, tradingDay);
    });
    for (const fill of fills)
      journal.add('fill', account.id, describeFill(fill, this.deps.market), fill.fees ? `Fees ${money(roundCents(fill.fees))}` : null);
    this.recordPnl(account, clock.now());
  }

  private recordPnl(account: AccountState, now: number): void {
    const realized = roundCents(account.realizedPnl());
    this.pnlCurve.record(account.id, now, realized, roundCents(realized + account.unrealizedPnl()));
  }
}
