/**
 * RULE-016 weekly_loss_limit: the week's loss limit; flattens and locks until the weekly reset. The
 * week's figure is its earlier trading days' realized P&L (net of fees, from the store, see
 * week-totals.ts) plus today's, and today's open P&L with `include_unrealized`.
 *
 * Not resumable: an admin override lasts until the daily reset, after which the week's figure —
 * still past the limit — would lock again at once; and a fresh limit would have to rebase the
 * earlier days too, which `sinceUnlock` does not. An unlock therefore suspends it for the day.
 */
import { z } from 'zod';
import { roundCents } from '../../../shared/domain';
import { money, signedMoney } from '../../../shared/money';
import { breachOf, usageOf, type Breach, type Measure, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';
import { weekResetText } from './week-words';

export const weeklyLossLimitConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  limit: z.number().negative('must be negative (a loss in USD, e.g. -1500)'),
  include_unrealized: z.boolean().default(false),
});
export type WeeklyLossLimitConfig = z.infer<typeof weeklyLossLimitConfigSchema>;

export const weeklyLossLimit = defineRule({
  key: 'weekly_loss_limit',
  id: 'RULE-016',
  schema: weeklyLossLimitConfigSchema,
  strictness: { largerIsStricter: ['limit'], onIsStricter: ['include_unrealized'] },
  build: (config, context) => weeklyLossLimitRule(config, context.timezone),
});

/** "Flattens and locks until the weekly reset when this week's realized P&L (net of fees) reaches −$1,500.00". */
export function weeklyLossLimitDescription(config: WeeklyLossLimitConfig): string {
  const counts = config.include_unrealized
    ? "this week's P&L, realized (net of fees) plus today's open,"
    : "this week's realized P&L (net of fees)";
  return `Flattens and locks until the weekly reset when ${counts} reaches ${money(config.limit)}`;
}

export function weeklyLossLimitRule(config: WeeklyLossLimitConfig, timezone: string): Rule {
  const today = (context: RuleContext) => context.account.realizedPnl() + (config.include_unrealized ? context.account.unrealizedPnl() : 0);
  // Evaluated on every quote: the figure alone, without the summary's formatted reset time.
  const weekSoFar = (context: RuleContext, day: number) => roundCents(context.account.weekBefore.realized + day);
  const measure = (context: RuleContext): Measure => {
    const { weekBefore } = context.account;
    const open = today(context);
    const day = roundCents(open);
    const value = weekSoFar(context, open);
    return {
      value,
      limit: config.limit,
      usage: usageOf(value, config.limit),
      summary: `Week so far ${signedMoney(value)} (today ${signedMoney(day)}) of ${money(config.limit)}${weekResetText(weekBefore, context.now, timezone)}`,
    };
  };
  return {
    id: weeklyLossLimit.id,
    name: weeklyLossLimit.key,
    title: config.include_unrealized ? 'Weekly loss (realized + open)' : 'Weekly loss limit',
    unit: 'usd',
    enabled: config.enabled,
    gauge: true,
    description: weeklyLossLimitDescription(config),
    measure,
    /** Reaching the limit breaks it, as the daily limit: −1,499.99 holds, −1,500 breaks. */
    evaluate(context): Breach[] {
      const value = weekSoFar(context, today(context));
      if (value > config.limit) return [];
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilWeeklyReset' } },
          message: `${config.include_unrealized ? 'P&L this week (realized + open)' : 'Realized P&L this week'} ${signedMoney(value)} has reached the weekly loss limit ${money(config.limit)}`,
          value,
          limit: config.limit,
        }),
      ];
    },
  };
}
