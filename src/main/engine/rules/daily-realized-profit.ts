/** RULE-013 daily_realized_profit: walk away green; flattens and locks until the next reset with the trader's message. */
import { z } from 'zod';
import { roundCents } from '../../../shared/domain';
import { money, signedMoney } from '../../../shared/money';
import { breachOf, usageOf, type Breach, type Rule } from '../rule';
import { defineRule } from './definition';

export const dailyRealizedProfitConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  target: z.number().positive('must be positive (a profit in USD, e.g. 1000)'),
  message: z.string().min(1).default('Daily profit target reached. Walk away green.'),
});
export type DailyRealizedProfitConfig = z.infer<typeof dailyRealizedProfitConfigSchema>;

export const dailyRealizedProfit = defineRule({
  key: 'daily_realized_profit',
  id: 'RULE-013',
  schema: dailyRealizedProfitConfigSchema,
  strictness: { smallerIsStricter: ['target'] },
  resumable: true,
  build: dailyRealizedProfitRule,
});

/** "Flattens and locks until the daily reset when today's realized P&L (net of fees) reaches +$1,000.00". */
export function dailyRealizedProfitDescription(config: DailyRealizedProfitConfig): string {
  return `Flattens and locks until the daily reset when today's realized P&L (net of fees) reaches ${signedMoney(config.target)}`;
}

export function dailyRealizedProfitRule(config: DailyRealizedProfitConfig): Rule {
  return {
    id: dailyRealizedProfit.id,
    name: dailyRealizedProfit.key,
    title: 'Daily profit target',
    unit: 'usd',
    enabled: config.enabled,
    gauge: true,
    description: dailyRealizedProfitDescription(config),
    measure(context) {
      const value = roundCents(context.account.realizedPnl());
      return { value, limit: config.target, usage: usageOf(value, config.target) };
    },
    evaluate(context): Breach[] {
      const value = roundCents(context.account.realizedPnl());
      if (value < config.target) return [];
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
          message: `${config.message} (realized ${signedMoney(value)}, target ${money(config.target)})`,
          value,
          limit: config.target,
        }),
      ];
    },
  };
}
