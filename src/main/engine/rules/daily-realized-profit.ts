/** RULE-013 daily_realized_profit: walk away green; flattens and locks until the next reset with the trader's message. */
import { z } from 'zod';
import { roundCents } from '../../../shared/domain';
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

export function dailyRealizedProfitRule(config: DailyRealizedProfitConfig): Rule {
  return {
    id: dailyRealizedProfit.id,
    name: dailyRealizedProfit.key,
    title: 'Daily profit target',
    unit: 'usd',
    enabled: config.enabled,
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
          message: `${config.message} (realized ${value.toFixed(2)}, target ${config.target.toFixed(2)})`,
          value,
          limit: config.target,
        }),
      ];
    },
  };
}
