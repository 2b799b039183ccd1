/** RULE-003 daily_realized_loss: the daily loss limit; flattens and locks until the next reset. */
import { z } from 'zod';
import { roundCents } from '../../../shared/domain';
import { money, signedMoney } from '../../../shared/money';
import { breachOf, usageOf, type Breach, type Measure, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';

export const dailyRealizedLossConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  limit: z.number().negative('must be negative (a loss in USD, e.g. -500)'),
  include_unrealized: z.boolean().default(false),
});
export type DailyRealizedLossConfig = z.infer<typeof dailyRealizedLossConfigSchema>;

export const dailyRealizedLoss = defineRule({
  key: 'daily_realized_loss',
  id: 'RULE-003',
  schema: dailyRealizedLossConfigSchema,
  strictness: { largerIsStricter: ['limit'], onIsStricter: ['include_unrealized'] },
  resumable: true,
  build: dailyRealizedLossRule,
});

/** "Flattens and locks until the daily reset when today's realized P&L (net of fees) reaches −$500.00". */
export function dailyRealizedLossDescription(config: DailyRealizedLossConfig): string {
  const counts = config.include_unrealized ? "today's P&L, realized (net of fees) plus open," : "today's realized P&L (net of fees)";
  return `Flattens and locks until the daily reset when ${counts} reaches ${money(config.limit)}`;
}

export function dailyRealizedLossRule(config: DailyRealizedLossConfig): Rule {
  const measure = (context: RuleContext): Measure => {
    const { account } = context;
    const value = roundCents(account.realizedPnl() + (config.include_unrealized ? account.unrealizedPnl() : 0));
    return { value, limit: config.limit, usage: usageOf(value, config.limit) };
  };
  return {
    id: dailyRealizedLoss.id,
    name: dailyRealizedLoss.key,
    title: config.include_unrealized ? 'Daily loss (realized + unrealized)' : 'Daily realized loss',
    unit: 'usd',
    enabled: config.enabled,
    gauge: true,
    description: dailyRealizedLossDescription(config),
    measure,
    /** Reaching the limit breaks it, as TopstepX's "reaches the daily loss limit": −499.99 holds, −500 breaks. */
    evaluate(context): Breach[] {
      const { value } = measure(context);
      if (value > config.limit) return [];
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
          message: `${config.include_unrealized ? 'P&L today (realized + open)' : 'Realized P&L today'} ${signedMoney(value)} has reached the daily loss limit ${money(config.limit)}`,
          value,
          limit: config.limit,
        }),
      ];
    },
  };
}
