/**
 * RULE-015 profit_giveback: once the day is up by `activate_at`, keeps the trader from handing back
 * more than `giveback_percent` of the day's high; flattens and locks until the next reset.
 */
import { z } from 'zod';
import { roundCents } from '../../../shared/domain';
import { signedMoney } from '../../../shared/money';
import { dayFigures, MEASURE_STRICTNESS, MEASURE_WORDS, PNL_NOT_KNOWN, pnlMeasureSchema } from '../day-high';
import { breachOf, type Breach, type Measure, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';

export const profitGivebackConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  activate_at: z.number().positive('must be positive (the day\u2019s profit in USD that arms the rule, e.g. 500)'),
  giveback_percent: z
    .number()
    .min(1, 'must be at least 1 (the share of the day\u2019s high, in %, that may be given back)')
    .max(100, 'must be at most 100 (100 locks when the whole day\u2019s high is given back)'),
  measure: pnlMeasureSchema,
});
export type ProfitGivebackConfig = z.infer<typeof profitGivebackConfigSchema>;

export const profitGiveback = defineRule({
  key: 'profit_giveback',
  id: 'RULE-015',
  schema: profitGivebackConfigSchema,
  strictness: {
    smallerIsStricter: ['activate_at', 'giveback_percent'],
    rankedChoices: [MEASURE_STRICTNESS],
  },
  build: profitGivebackRule,
});

/** "Once today's realized P&L (net of fees) reaches +$500.00, flattens and locks until the daily reset when 40% of the day's high is given back". */
export function profitGivebackDescription(config: ProfitGivebackConfig): string {
  return `Once ${MEASURE_WORDS[config.measure].counted} reaches ${signedMoney(config.activate_at)}, flattens and locks until the daily reset when ${config.giveback_percent}% of the day's high is given back`;
}

export function profitGivebackRule(config: ProfitGivebackConfig): Rule {
  const keep = 1 - config.giveback_percent / 100;
  const figures = (context: RuleContext) => {
    const { pnl, high } = dayFigures(context.account, config.measure);
    return { pnl, high, armed: high >= config.activate_at, floor: roundCents(high * keep) };
  };
  const { label } = MEASURE_WORDS[config.measure];
  return {
    id: profitGiveback.id,
    name: profitGiveback.key,
    title: config.measure === 'total' ? 'Profit giveback (realized + open)' : 'Profit giveback',
    unit: 'usd',
    enabled: config.enabled,
    gauge: true,
    description: profitGivebackDescription(config),
    measure(context): Measure {
      const { pnl, high, armed, floor } = figures(context);
      if (!armed) {
        return {
          value: pnl ?? high,
          limit: config.activate_at,
          usage: 0,
          summary: `Not armed yet: arms at ${signedMoney(config.activate_at)}; ${config.measure === 'total' ? 'high' : 'realized high'} today ${signedMoney(high)}`,
        };
      }
      if (pnl === null)
        return {
          value: high,
          limit: floor,
          usage: 0,
          summary: `${PNL_NOT_KNOWN}; floor ${signedMoney(floor)} (${config.giveback_percent}% of the high ${signedMoney(high)} given back)`,
        };
      return {
        value: pnl,
        limit: floor,
        usage: high > floor ? Math.max(0, (high - pnl) / (high - floor)) : 0,
        summary: `${label} ${signedMoney(pnl)}, floor ${signedMoney(floor)} (${config.giveback_percent}% of the high ${signedMoney(high)} given back)`,
      };
    },
    /** Reaching the floor breaks it: a cent above holds, at the floor breaks. */
    evaluate(context): Breach[] {
      const { pnl, high, armed, floor } = figures(context);
      if (!armed || pnl === null || pnl > floor) return [];
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
          message: `${label} ${signedMoney(pnl)} has given back ${config.giveback_percent}% of today's high ${signedMoney(high)} (floor ${signedMoney(floor)})`,
          value: pnl,
          limit: floor,
        }),
      ];
    },
  };
}
