/** The shape every rule has: pure, synchronous, reads state and returns breaches. */
import type { ContractId, GatewayEvent } from '../../shared/domain';
import type { RuleStatus } from '../../shared/rules';
import type { AccountState } from './account-state';
import type { MarketBook } from './market-book';
import type { LockRequest } from '../schedule/lock-end';

export type RuleCategory = 'tradeByTrade' | 'cooldown' | 'hardLockout' | 'automation';

export type Remedy =
  | { kind: 'closePosition'; contractId: ContractId }
  /** Trim by `size`, to leave `targetSize` contracts open (what a retry recomputes from). */
  | { kind: 'reducePosition'; contractId: ContractId; size: number; targetSize: number }
  | { kind: 'cancelOrder'; orderId: number; contractId: ContractId }
  | { kind: 'flatten'; lock: LockRequest }
  /** Automation: tighten (never widen) the position's stop, or place one when there is none. */
  | { kind: 'moveStop'; contractId: ContractId; orderId: number | null; stopPrice: number; size: number; side: 'buy' | 'sell' }
  /** Make no gateway call for the account (the broker refuses it): alert only. */
  | { kind: 'suspend' }
  | { kind: 'alert' };

export interface Breach {
  ruleId: string;
  ruleName: string;
  accountId: number;
  category: RuleCategory;
  remedy: Remedy;
  /** A sentence a trader understands: "6 contracts open, limit 5". */
  message: string;
  value: number;
  limit: number;
}

export interface RuleContext {
  account: AccountState;
  market: MarketBook;
  /** The event being evaluated, only when it is new; null on a timer tick, a reconcile or a repeat. */
  event: GatewayEvent | null;
  now: number;
  /** The gateway ended the session (GatewayLogout, or a token that could not be renewed). */
  loggedOut: boolean;
  /** Contracts of this account whose close is already on its way to the gateway. */
  closing: ReadonlySet<string>;
}

/** No close in flight: the dashboard's view, benchmarks, and an executor with nothing pending. */
export const NOTHING_CLOSING: ReadonlySet<string> = new Set();

export interface Measure {
  value: number;
  limit: number;
  /** Share of the limit used, 0 when nothing counts against it. */
  usage: number;
  /** Where "value of limit" says nothing useful, the rule says it in words. */
  summary?: string;
  /**
   * What the rule will do on its own at `at` (epoch ms) unless the trader acts first: "MNQ will be
   * closed unless a stop is placed". Absent when nothing is on its way.
   */
  imminent?: Imminent;
}

export interface Imminent {
  at: number;
  text: string;
}

export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly unit: RuleStatus['unit'];
  readonly enabled: boolean;
  /** True when "value of limit" is a measure worth a bar; false for yes/no rules (session hours, blocked symbols). */
  readonly gauge: boolean;
  /** The rule in words with its figures, one sentence a trader reads: "Closes a position left without a stop for 10 s". */
  readonly description: string;
  measure(context: RuleContext): Measure;
  evaluate(context: RuleContext): Breach[];
}

/**
 * The account's day figures at an administrator's unlock, from which a resumed rule counts afresh
 * (see rule-overrides.ts). `value` is the unlocked rule's own figure at that moment.
 */
export interface Baseline {
  /** Epoch ms of the unlock. */
  at: number;
  value: number;
  realized: number;
  unrealized: number;
  trades: number;
}

/** A breach of `rule` on this account, with the fields every breach shares. */
export function breachOf(
  rule: Pick<Rule, 'id' | 'name'>,
  context: RuleContext,
  fields: Pick<Breach, 'category' | 'remedy' | 'message' | 'value' | 'limit'>,
): Breach {
  return { ruleId: rule.id, ruleName: rule.name, accountId: context.account.id, ...fields };
}

/** Share of a limit used; zero when the value does not count against it (a profit against a loss limit). */
export function usageOf(value: number, limit: number): number {
  if (limit === 0) return value === 0 ? 0 : 1;
  const share = value / limit;
  return share > 0 ? share : 0;
}
