/**
 * RULE-014 trailing_daily_loss: a daily loss floor that trails the day's P&L high (realized, or
 * realized + open like TopstepX's trailing personal daily loss limit), optionally no higher than a
 * set profit; flattens and locks until the next reset.
 */
import { z } from 'zod';
import { roundCents } from '../../../shared/domain';
import { money, signedMoney } from '../../../shared/money';
import { dayFigures, MEASURE_STRICTNESS, MEASURE_WORDS, PNL_NOT_KNOWN, pnlMeasureSchema } from '../day-high';
import { breachOf, type Breach, type Measure, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';

export const trailingDailyLossConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  distance: z.number().positive('must be positive (how far in USD the floor sits below the day\u2019s high, e.g. 500)'),
  measure: pnlMeasureSchema,
  stop_trailing_at: z.number().positive('must be positive (the profit in USD at which the floor stops rising, e.g. 500)').optional(),
});
export type TrailingDailyLossConfig = z.infer<typeof trailingDailyLossConfigSchema>;

export const trailingDailyLoss = defineRule({
  key: 'trailing_daily_loss',
  id: 'RULE-014',
  schema: trailingDailyLossConfigSchema,
  strictness: {
    smallerIsStricter: ['distance'],
    // A floor that may rise higher before it stops; adding or removing the cap waits for the reset.
    largerIsStricter: ['stop_trailing_at'],
    rankedChoices: [MEASURE_STRICTNESS],
  },
  build: trailingDailyLossRule,
});

/** "Flattens and locks until the daily reset when today's realized P&L (net of fees) falls $500.00 below the day's high (…)". */
export function trailingDailyLossDescription(config: TrailingDailyLossConfig): string {
  const stops =
    config.stop_trailing_at === undefined
      ? ''
      : `; the floor stops rising once the high reaches ${signedMoney(config.stop_trailing_at)} (floor ${signedMoney(config.stop_trailing_at - config.distance)})`;
  return `Flattens and locks until the daily reset when ${MEASURE_WORDS[config.measure].counted} falls ${money(config.distance)} below the day's high (floor ${signedMoney(-config.distance)} with no gains)${stops}`;
}

export function trailingDailyLossRule(config: TrailingDailyLossConfig): Rule {
  const figures = (context: RuleContext) => {
    const { pnl, high } = dayFigures(context.account, config.measure);
    const trailed = config.stop_trailing_at === undefined ? high : Math.min(high, config.stop_trailing_at);
    // "high +$600.00 − $500.00"; once capped: "high +$800.00, trailing stopped at +$500.00 − $500.00".
    const stopped = trailed < high ? `, trailing stopped at ${signedMoney(trailed)}` : '';
    return {
      pnl,
      trailed,
      floor: roundCents(trailed - config.distance),
      from: `high ${signedMoney(high)}${stopped} − ${money(config.distance)}`,
    };
  };
  const { label } = MEASURE_WORDS[config.measure];
  return {
    id: trailingDailyLoss.id,
    name: trailingDailyLoss.key,
    title: config.measure === 'total' ? 'Trailing daily loss (realized + open)' : 'Trailing daily loss',
    unit: 'usd',
    enabled: config.enabled,
    gauge: true,
    description: trailingDailyLossDescription(config),
    measure(context): Measure {
      const { pnl, trailed, floor, from } = figures(context);
      if (pnl === null)
        return { value: trailed, limit: floor, usage: 0, summary: `${PNL_NOT_KNOWN}; floor ${signedMoney(floor)} (${from})` };
      return {
        value: pnl,
        limit: floor,
        usage: Math.max(0, (trailed - pnl) / config.distance),
        summary: `${label} ${signedMoney(pnl)}, floor ${signedMoney(floor)} (${from})`,
      };
    },
    /** Reaching the floor breaks it, like the daily loss limit: a cent above holds, at the floor breaks. */
    evaluate(context): Breach[] {
      const { pnl, floor, from } = figures(context);
      if (pnl === null || pnl > floor) return [];
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
          message: `${label} ${signedMoney(pnl)} has reached the trailing floor ${signedMoney(floor)} (${from})`,
          value: pnl,
          limit: floor,
        }),
      ];
    },
  };
}
