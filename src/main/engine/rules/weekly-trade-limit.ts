/**
 * RULE-017 weekly_trade_limit: overtrading over the week; the trade that takes the week's count
 * past the limit flattens and locks until the weekly reset. Trades are counted as RULE-006 counts
 * them (`count: entries | executions`), the week's earlier trading days from the store (see
 * week-totals.ts) plus today's.
 *
 * Not resumable, as the weekly loss limit: an admin override lasts until the daily reset, and a
 * fresh limit would have to rebase the earlier days too; an unlock suspends it for the day.
 */
import { z } from 'zod';
import { breachOf, usageOf, type Breach, type Measure, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';
import { tradeFrequencyLimitConfigSchema } from './trade-frequency-limit';
import { weekResetText } from './week-words';

export const weeklyTradeLimitConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  count: tradeFrequencyLimitConfigSchema.shape.count,
  limit: z.number().int('must be a whole number of trades').positive('must be at least 1'),
});
export type WeeklyTradeLimitConfig = z.infer<typeof weeklyTradeLimitConfigSchema>;

export const weeklyTradeLimit = defineRule({
  key: 'weekly_trade_limit',
  id: 'RULE-017',
  schema: weeklyTradeLimitConfigSchema,
  strictness: {
    smallerIsStricter: ['limit'],
    rankedChoices: [{ path: 'count', loosestFirst: ['entries', 'executions'] }],
  },
  build: (config, context) => weeklyTradeLimitRule(config, context.timezone),
});

/** "Flattens and locks until the weekly reset past 20 trades this week". */
export function weeklyTradeLimitDescription(config: WeeklyTradeLimitConfig): string {
  const noun = config.count === 'executions' ? 'executions (entries and exits)' : 'trades';
  return `Flattens and locks until the weekly reset past ${config.limit} ${noun} this week`;
}

export function weeklyTradeLimitRule(config: WeeklyTradeLimitConfig, timezone: string): Rule {
  const executions = config.count === 'executions';
  const noun = executions ? 'executions' : 'trades';
  const today = ({ account }: RuleContext) => (executions ? account.executionTimes().length : account.tradeCount());
  const measure = (context: RuleContext): Measure => {
    const { weekBefore } = context.account;
    const day = today(context);
    const value = (executions ? weekBefore.executions : weekBefore.trades) + day;
    return {
      value,
      limit: config.limit,
      usage: usageOf(value, config.limit),
      summary: `Week so far ${value} of ${config.limit} ${noun} (today ${day})${weekResetText(weekBefore, context.now, timezone)}`,
    };
  };
  return {
    id: weeklyTradeLimit.id,
    name: weeklyTradeLimit.key,
    title: executions ? 'Weekly trades (executions)' : 'Weekly trade limit',
    unit: 'trades',
    enabled: config.enabled,
    gauge: true,
    description: weeklyTradeLimitDescription(config),
    measure,
    /** Only a new trade (or execution) can break it, as RULE-006: a count already past the limit does not re-fire on every event. */
    evaluate(context): Breach[] {
      const { event, account } = context;
      if (event?.type !== 'fill') return [];
      if (!(executions ? account.isCountedExecution(event.fill) : account.isCountedTrade(event.fill))) return [];
      const { value } = measure(context);
      if (value <= config.limit) return [];
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilWeeklyReset' } },
          message: `${value} ${noun} this week, limit ${config.limit}`,
          value,
          limit: config.limit,
        }),
      ];
    },
  };
}
