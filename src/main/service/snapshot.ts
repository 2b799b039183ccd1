/** Builds the renderer-facing snapshot: what to show, already decided, so the renderer has no business rules. */
import type { AccountView, Snapshot } from '../../shared/contract';
import { roundCents, symbolOfContractId } from '../../shared/domain';
import { money } from '../../shared/money';
import { ruleState, type RuleStatus } from '../../shared/rules';
import type { AccountState } from '../engine/account-state';
import type { RuleEngine } from '../engine/rule-engine';
import { NOTHING_CLOSING } from '../engine/rule';
import type { Enforcer } from '../enforcement/enforcer';
import type { Lockouts } from '../enforcement/lockouts';
import type { MarketBook } from '../engine/market-book';

export interface SnapshotSources {
  accounts: Iterable<AccountState>;
  market: MarketBook;
  engine: RuleEngine;
  enforcer: Enforcer;
  lockouts: Lockouts;
  now: number;
  loggedOut: boolean;
}

function defaultSummary(unit: RuleStatus['unit'], value: number, limit: number): string {
  switch (unit) {
    case 'usd':
      return `${money(value)} of limit ${money(limit)}`;
    case 'contracts':
      return `${value} of limit ${limit} contracts`;
    default:
      return `${value} of limit ${limit} ${unit}`;
  }
}

export function accountView(account: AccountState, sources: SnapshotSources): AccountView {
  const realized = account.realizedPnl();
  const unrealized = account.unrealizedPnl();
  const lock = sources.lockouts.current(account.id);
  const context = {
    account,
    market: sources.market,
    event: null,
    now: sources.now,
    loggedOut: sources.loggedOut,
    closing: NOTHING_CLOSING,
  }; // the dashboard shows what is open, closes in flight included
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
        symbol: sources.market.contract(p.contractId)?.symbol ?? symbolOfContractId(p.contractId),
        size: p.size,
        averagePrice: p.averagePrice,
        markPrice: sources.market.mark(p.contractId) ?? null,
        unrealized: unrealizedPnl === null ? null : roundCents(unrealizedPnl),
      };
    }),
    openOrders: account.workingOrders().map((o) => ({
      id: o.id,
      contractId: o.contractId,
      symbol: symbolOfContractId(o.contractId),
      side: o.side,
      kind: o.kind,
      size: o.size,
      limitPrice: o.limitPrice,
      stopPrice: o.stopPrice,
      state: o.state,
    })),
    rules: sources.engine.measure(context).map(({ rule, value, limit, usage, summary }) => {
      const breached = sources.enforcer.isBreached(account.id, rule.id);
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
        state: ruleState(rule.enabled, breached, usage),
        summary: summary ?? defaultSummary(rule.unit, value, limit),
        lastBreachAt: sources.enforcer.lastBreach(account.id, rule.id),
      };
    }),
    lockout: lock ? { kind: lock.kind, ruleId: lock.ruleId, reason: lock.reason, since: lock.since, until: lock.until } : null,
  };
}

export type SnapshotHeader = Omit<Snapshot, 'accounts' | 'generatedAt'>;

export function buildSnapshot(header: SnapshotHeader, sources: SnapshotSources): Snapshot {
  return {
    ...header,
    accounts: [...sources.accounts].map((a) => accountView(a, sources)),
    generatedAt: new Date(sources.now).toISOString(),
  };
}
