/** Builds the renderer-facing snapshot: what to show, already decided, so the renderer has no business rules. */
import type { AccountView, Snapshot } from '../../shared/contract';
import { roundCents } from '../../shared/domain';
import { money, signedMoney } from '../../shared/money';
import { symbolOf } from '../../shared/symbols';
import { ruleState, WARNING_STEPS, warningStep, type RuleStatus } from '../../shared/rules';
import { ruleLadder } from '../config/schema';
import type { AccountState } from '../engine/account-state';
import type { FreshLimit, RuleEngine } from '../engine/rule-engine';
import { NOTHING_CLOSING, type RuleContext } from '../engine/rule';
import type { RuleOverride } from '../engine/rule-overrides';
import type { Enforcer } from '../enforcement/enforcer';
import type { Lockouts } from '../enforcement/lockouts';
import { lockHolderTitle } from '../enforcement/lock-sources';
import type { MarketBook } from '../engine/market-book';
import type { Clock } from '../schedule/clock';
import { lockEndText } from '../schedule/lock-end-text';
import type { ConfigInForce } from './config-in-force';
import type { ConnectionStatus } from './connection-status';
import type { DayCycle } from './day-cycle';
import type { EventPipeline } from './event-pipeline';
import { needsQuotes, type MarketData } from './market-data';
import type { DemoControl } from './demo-control';
import type { Problems } from './problems';
import type { Timeline } from './timeline';
import { overrideText, unlockPreview } from './unlock-text';

export interface SnapshotSources {
  accounts: Iterable<AccountState>;
  market: MarketBook;
  engine: RuleEngine;
  enforcer: Enforcer;
  lockouts: Lockouts;
  now: number;
  loggedOut: boolean;
  /** The trading timezone and the end of the trading day: when an admin unlock's choice ends. */
  timeZone: string;
  dayEnd: number;
  /** What the card of a rule that cannot run without quotes says while there are none; null when it runs. */
  cannotRun?(ruleId: string): string | null;
  /** A rule's warning ladder (its `warnings:`) as shares of its limit; WARNING_STEPS when not given. */
  ladder?(ruleName: string): readonly number[];
}

/** "2 of 5 contracts", "−$86.00 of −$500.00": the figure against its limit, for a rule that says nothing more. */
function defaultSummary(unit: RuleStatus['unit'], value: number, limit: number): string {
  if (unit === 'usd') return `${signedMoney(roundCents(value))} of ${money(limit)}`;
  return `${value} of ${limit} ${unit}`;
}

export function accountView(account: AccountState, sources: SnapshotSources): AccountView {
  const realized = account.realizedPnl();
  const unrealized = account.unrealizedPnl();
  const lock = sources.lockouts.current(account.id);
  const context = dashboardContext(account, sources);
  const fresh = lock ? sources.engine.freshLimit(context, lock.ruleId) : null;
  return {
    id: account.id,
    name: account.account.name,
    balance: account.account.balance,
    canTrade: account.account.canTrade,
    pnl: {
      realized: roundCents(realized),
      unrealized: roundCents(unrealized),
      total: roundCents(realized + unrealized),
      fees: roundCents(account.fees()),
    },
    tradeCount: account.tradeCount(),
    positions: account.positions().map((p) => {
      const unrealizedPnl = account.unrealizedOf(p);
      return {
        contractId: p.contractId,
        symbol: symbolOf(sources.market, p.contractId),
        size: p.size,
        averagePrice: p.averagePrice,
        markPrice: sources.market.mark(p.contractId) ?? null,
        markAt: isoOrNull(sources.market.markAt(p.contractId)),
        unrealized: unrealizedPnl === null ? null : roundCents(unrealizedPnl),
      };
    }),
    openOrders: account.workingOrders().map((o) => ({
      id: o.id,
      contractId: o.contractId,
      symbol: symbolOf(sources.market, o.contractId),
      side: o.side,
      kind: o.kind,
      size: o.size,
      limitPrice: o.limitPrice,
      stopPrice: o.stopPrice,
      state: o.state,
    })),
    rules: sources.engine.measure(context).map(({ rule, value, limit, usage, summary, imminent, override }) => {
      const breached = sources.enforcer.isBreached(account.id, rule.id);
      const suspended = override?.mode === 'suspend';
      const locked = lock?.ruleId === rule.id;
      // A yes/no rule has no ladder to climb: its card warns only when it is breached or locks.
      const steps = rule.gauge ? [...(sources.ladder?.(rule.name) ?? WARNING_STEPS)] : [];
      return {
        ruleId: rule.id,
        name: rule.name,
        title: rule.title,
        enabled: rule.enabled,
        value: rule.unit === 'usd' ? roundCents(value) : value,
        limit,
        unit: rule.unit,
        usage: Math.round(usage * 1000) / 1000,
        breached,
        state: ruleState(rule.enabled, breached, usage, { suspended, locked, steps }),
        gauge: rule.gauge,
        steps,
        step: rule.enabled ? warningStep(usage, steps) : null,
        description: rule.description,
        imminent: rule.enabled && imminent && !suspended ? { at: new Date(imminent.at).toISOString(), text: imminent.text } : null,
        summary: sources.cannotRun?.(rule.id) ?? summary ?? defaultSummary(rule.unit, value, limit),
        lastBreachAt: sources.enforcer.lastBreach(account.id, rule.id),
        override: override ? overrideView(override, sources.timeZone, sources.now) : null,
      };
    }),
    lockout: lock
      ? {
          kind: lock.kind,
          ruleId: lock.ruleId,
          reason: lock.reason,
          since: lock.since,
          until: lock.until,
          ruleTitle: lockHolderTitle(lock.ruleId, (ruleId) => sources.engine.rules.find((r) => r.id === ruleId)?.title),
          untilText: lock.until === null ? null : lockEndText(Date.parse(lock.until), sources.now, sources.timeZone, lock.kind),
        }
      : null,
    unlock: fresh ? unlockPreview(fresh, sources.dayEnd, sources.timeZone, sources.now) : null,
  };
}

function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** The dashboard shows what is open, closes in flight included. */
function dashboardContext(account: AccountState, sources: Pick<SnapshotSources, 'market' | 'now' | 'loggedOut'>): RuleContext {
  return { account, market: sources.market, event: null, now: sources.now, loggedOut: sources.loggedOut, closing: NOTHING_CLOSING };
}

function overrideView(override: RuleOverride, timeZone: string, now: number): NonNullable<RuleStatus['override']> {
  return {
    mode: override.mode === 'suspend' ? 'suspended' : 'resumed',
    grantedAt: new Date(override.grantedAt).toISOString(),
    until: new Date(override.until).toISOString(),
    reason: override.reason,
    baseline: override.baseline?.value ?? null,
    text: overrideText(override, timeZone, now),
  };
}

/** What resuming a rule of an account would do now (the admin unlock's baseline); null for an unknown account or rule. */
export function freshLimitOf(parts: ServiceParts, accountId: number, ruleId: string): FreshLimit | null {
  const account = [...parts.pipeline.accounts()].find((a) => a.id === accountId);
  if (!account) return null;
  const sources = { market: parts.market, now: parts.clock.now(), loggedOut: parts.connection.loggedOut };
  return parts.config.engine.freshLimit(dashboardContext(account, sources), ruleId);
}

/** What the service is made of that the snapshot reads. */
export interface ServiceParts {
  mode: Snapshot['mode'];
  config: ConfigInForce;
  connection: ConnectionStatus;
  day: DayCycle;
  timeline: Timeline;
  pipeline: EventPipeline;
  market: MarketBook;
  enforcer: Enforcer;
  lockouts: Lockouts;
  problems: Problems;
  marketData: MarketData;
  clock: Clock;
  /** Demo mode only: the simulator the demo panel drives. */
  demo: Pick<DemoControl, 'view'> | null;
}

const TIMELINE_IN_SNAPSHOT = 200;

export function buildSnapshot(parts: ServiceParts): Snapshot {
  const { config, connection } = parts;
  const { day } = parts.day;
  const now = parts.clock.now();
  const sources: SnapshotSources = {
    ...parts,
    now,
    accounts: parts.pipeline.accounts(),
    engine: config.engine,
    loggedOut: connection.loggedOut,
    timeZone: config.config.timezone,
    dayEnd: day.end,
    cannotRun: (ruleId) => (needsQuotes(ruleId, config.config.rules) ? parts.marketData.cardSummary() : null),
    ladder: (ruleName) => ruleLadder(config.config, ruleName),
  };
  return {
    mode: parts.mode,
    enforcementMode: config.config.enforcement.mode,
    config: config.state,
    connection: connection.current,
    tradingDay: { start: new Date(day.start).toISOString(), nextReset: new Date(day.end).toISOString(), timezone: config.config.timezone },
    timeline: parts.timeline.latest(TIMELINE_IN_SNAPSHOT),
    accounts: [...sources.accounts].map((a) => accountView(a, sources)),
    problems: parts.problems.list(),
    demo: parts.demo?.view() ?? null,
    marksStaleAfterMs: config.config.market_data.stale_after_seconds * 1000,
    generatedAt: new Date(now).toISOString(),
  };
}
