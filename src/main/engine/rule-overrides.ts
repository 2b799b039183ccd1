/**
 * What an administrator's unlock does to the rule that locked (issue 14, journey 3).
 *
 * - `suspend`: the rule is not judged on that account until the override ends (the daily reset);
 *   its card, the header and the tray say so.
 * - `resume` (the default): the rule is judged again at once, against a fresh limit counted from
 *   the unlock. A rule whose figure is a running total of the trading day — P&L, a count of trades —
 *   is additive, so "from the unlock" is the same rule read on the account *since* the unlock: the
 *   realized and open P&L and the trade count less their values at the unlock (the `Baseline`,
 *   stored with the override so a restart keeps it), and only the trades after it. A daily loss
 *   limit of −500 unlocked at −520 therefore locks again at −1,020; a trade limit of 10 unlocked
 *   at 11 allows 10 more. A rule whose figure does not add up over the day (the session clock, the
 *   broker's canTrade, a position's size) has nothing to count from: it can only be suspended.
 *
 * Additive rules say so in their definitions (`resumable`); `sinceUnlock` rebases the figures
 * they read.
 */
import type { AccountState } from './account-state';
import type { Baseline } from './rule';
import { RULE_DEFINITIONS } from './rules';

export type OverrideMode = 'suspend' | 'resume';

export interface RuleOverride {
  accountId: number;
  ruleId: string;
  mode: OverrideMode;
  /** Epoch ms of the unlock and of the override's end (the next daily reset). */
  grantedAt: number;
  until: number;
  reason: string;
  /** Resume only: the figures the rule counts from. */
  baseline: Baseline | null;
}

const RESUMABLE: ReadonlySet<string> = new Set(RULE_DEFINITIONS.filter((d) => d.resumable).map((d) => d.id));

/** Whether an admin unlock can resume this rule with a fresh limit (else it can only be suspended). */
export function canResume(ruleId: string): boolean {
  return RESUMABLE.has(ruleId);
}

/** What the engine asks: the override in force on a rule of an account, if any. */
export interface OverrideLookup {
  find(accountId: number, ruleId: string, now: number): RuleOverride | null;
}

export const NO_OVERRIDES: OverrideLookup = { find: () => null };

/** The overrides granted and not yet ended: loaded from the store at start, added to at each unlock. */
export class RuleOverrides implements OverrideLookup {
  private list: RuleOverride[];

  constructor(initial: readonly RuleOverride[]) {
    this.list = [...initial];
  }

  add(override: RuleOverride): void {
    this.list = [...this.list.filter((o) => o.until > override.grantedAt), override];
  }

  /** The latest override in force on this rule of this account. */
  find(accountId: number, ruleId: string, now: number): RuleOverride | null {
    // The hot path (no unlock today) scans nothing.
    for (let i = this.list.length - 1; i >= 0; i--) {
      const o = this.list[i]!;
      if (o.accountId === accountId && o.ruleId === ruleId && o.until > now) return o;
    }
    return null;
  }
}

/** The account's day figures now: what a resume counts from. */
export function baselineOf(account: AccountState, value: number, at: number): Baseline {
  return { at, value, realized: account.realizedPnl(), unrealized: account.unrealizedPnl(), trades: account.tradeCount() };
}

/**
 * The account as an additive rule sees it after a resume: P&L and trade count since the unlock,
 * only the trades and executions after it. Everything else reads through to the account itself;
 * a new day figure an additive rule reads must be rebased here too.
 */
export function sinceUnlock(account: AccountState, baseline: Baseline): AccountState {
  const rebased: Partial<AccountState> = {
    realizedPnl: () => account.realizedPnl() - baseline.realized,
    unrealizedPnl: () => account.unrealizedPnl() - baseline.unrealized,
    tradeCount: () => account.tradeCount() - baseline.trades,
    tradeTimes: () => account.tradeTimes().filter((t) => t > baseline.at),
    executionTimes: () => account.executionTimes().filter((t) => t > baseline.at),
  };
  return new Proxy(account, {
    get(target, property) {
      if (Object.hasOwn(rebased, property)) return rebased[property as keyof AccountState];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
