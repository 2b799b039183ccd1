/**
 * Quotes feed only the rules on open P&L. When the market hub cannot be used (a login without the
 * market-data entitlement gets 401 there while the user hub and REST work, PROJECTX.md §13), every other
 * rule is still enforced on fills, positions and orders; this says so at the top of the dashboard (a
 * `marketData` problem) and on the cards of the rules that cannot run, until quotes come.
 */
import type { RiskConfig } from '../config/schema';
import { dailyRealizedLoss } from '../engine/rules/daily-realized-loss';
import { dailyUnrealizedLoss } from '../engine/rules/daily-unrealized-loss';
import { maxUnrealizedProfit } from '../engine/rules/max-unrealized-profit';
import { tradeManagement } from '../engine/rules/trade-management';
import type { Problems } from './problems';

/** The rules that read the mark price, whatever their config; RULE-003 too when it includes unrealized P&L. */
const OPEN_PNL_RULES: ReadonlySet<string> = new Set([dailyUnrealizedLoss.id, maxUnrealizedProfit.id, tradeManagement.id]);

export const NO_MARKET_DATA_TITLE = 'No market data';
const WHAT_STOPS = `open-P&L rules (${[...OPEN_PNL_RULES].join(', ')}, include_unrealized) cannot run; every other rule is enforced`;

/** Whether the rule needs quotes under this config. */
export function needsQuotes(ruleId: string, rules: RiskConfig['rules']): boolean {
  return OPEN_PNL_RULES.has(ruleId) || (ruleId === dailyRealizedLoss.id && rules.daily_realized_loss?.include_unrealized === true);
}

export class MarketData {
  private missing: string | null = null;

  constructor(private readonly deps: { problems: Problems; changed(): void }) {}

  /** Why there are no quotes, while there are none for that reason; null when quotes can come. */
  get unavailable(): string | null {
    return this.missing;
  }

  /** The gateway says why quotes cannot come ("the market hub refused this login (401)"). Only a quote clears it. */
  report(reason: string | null): void {
    if (reason === null || reason === this.missing) return;
    this.missing = reason;
    this.deps.problems.report('marketData', NO_MARKET_DATA_TITLE, `${reason}: ${WHAT_STOPS}`);
    this.deps.changed();
  }

  /** Called on every quote: cheap while they flow. */
  quoteSeen(): void {
    if (this.missing === null) return;
    this.missing = null;
    this.deps.problems.clear('marketData', 'Market data is back: quotes are flowing, open-P&L rules run again');
    this.deps.changed();
  }

  /** What a rule card says instead of its figures while the rule cannot run. */
  cardSummary(): string | null {
    return this.missing === null ? null : `Cannot run: no market data (${this.missing})`;
  }
}
