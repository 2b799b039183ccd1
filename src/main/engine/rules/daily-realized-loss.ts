/** RULE-003 daily_realized_loss: the daily loss limit; flattens and locks until the next reset. */
import { z } from 'zod';
import { roundCents } from '../../../shared/domain';
import { RULE_IDS } from '../../../shared/rules';
import type { Breach, Measure, Rule, RuleContext } from '../rule';

export const dailyRealizedLossConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  limit: z.number().negative('must be negative (a loss in USD, e.g. -500)'),
  include_unrealized: z.boolean().default(false),
});
export type DailyRealizedLossConfig = z.infer<typeof dailyRealizedLossConfigSchema>;

export function dailyRealizedLossRule(config: DailyRealizedLossConfig): Rule {
  const measure = (context: RuleContext): Measure => {
    const { account } = context;
    const value = roundCents(account.realizedPnl() + (config.include_unrealized ? account.unrealizedPnl() : 0));
    return { value, limit: config.limit, usage: value < 0 ? value / config.limit : 0 };
  };
  return {
    id: RULE_IDS.dailyRealizedLoss,
    name: 'daily_realized_loss',
    title: config.include_unrealized ? 'Daily loss (realized + unrealized)' : 'Daily realized loss',
    unit: 'usd',
    enabled: config.enabled,
    measure,
    /** At the limit is still allowed: −500 against −500 holds, −500.01 breaks (seed scenario). */
    evaluate(context): Breach[] {
      const { value } = measure(context);
      if (value >= config.limit) return [];
      return [
        {
          ruleId: this.id,
          ruleName: this.name,
          accountId: context.account.id,
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
          message: `P&L today ${value.toFixed(2)} is past the daily loss limit ${config.limit.toFixed(2)}`,
          value,
          limit: config.limit,
        },
      ];
    },
  };
}
