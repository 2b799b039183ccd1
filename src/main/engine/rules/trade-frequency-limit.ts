/**
 * RULE-006 trade_frequency_limit: overtrading; a new trade past a rolling-window count flattens and
 * cools down. `count` says what a trade is: `entries` (RULES.md: an order's first fill that opens or
 * adds) or `executions` (as TopstepX counts its trade limits: every order that fills, entry or exit,
 * once per order). Executions count at least as many, so switching to them is the stricter change.
 */
import { z } from 'zod';
import { breachOf, usageOf, type Breach, type Rule, type RuleContext } from '../rule';
import { durationSchema } from './duration';
import { defineRule } from './definition';
import { durationText, listed } from './words';

const count = z.number().int('must be a whole number of trades').positive('must be at least 1');

export const tradeFrequencyLimitConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  count: z.enum(['entries', 'executions']).default('entries'),
  limits: z
    .strictObject({ per_minute: count.optional(), per_hour: count.optional(), per_session: count.optional() })
    .refine(
      (l) => l.per_minute !== undefined || l.per_hour !== undefined || l.per_session !== undefined,
      'needs at least one of per_minute, per_hour, per_session',
    ),
  cooldowns: z
    .strictObject({
      per_minute: durationSchema.prefault('60s'),
      per_hour: durationSchema.prefault('30m'),
      per_session: durationSchema.prefault('1h'),
    })
    .prefault({}),
});
export type TradeFrequencyLimitConfig = z.infer<typeof tradeFrequencyLimitConfigSchema>;

export const tradeFrequencyLimit = defineRule({
  key: 'trade_frequency_limit',
  id: 'RULE-006',
  schema: tradeFrequencyLimitConfigSchema,
  resumable: true,
  strictness: {
    smallerIsStricter: ['limits.*'],
    largerIsStricter: ['cooldowns.*'],
    rankedChoices: [{ path: 'count', loosestFirst: ['entries', 'executions'] }],
  },
  build: tradeFrequencyLimitRule,
});

type Window = 'per_minute' | 'per_hour' | 'per_session';
const WINDOW_MS: Record<Window, number> = { per_minute: 60_000, per_hour: 3_600_000, per_session: Number.POSITIVE_INFINITY };
const WINDOW_NAMES: Record<Window, string> = { per_minute: 'in a minute', per_hour: 'in an hour', per_session: 'today' };

/** "Flattens and pauses trading past 3 trades in a minute (1 min pause), 10 in an hour (30 min pause) or 50 today (1 h pause)". */
export function tradeFrequencyLimitDescription(config: TradeFrequencyLimitConfig): string {
  const noun = config.count === 'executions' ? 'executions (entries and exits)' : 'trades';
  const limits = (Object.keys(WINDOW_MS) as Window[]).flatMap((window) => {
    const limit = config.limits[window];
    return limit === undefined ? [] : [{ window, limit }];
  });
  const parts = limits.map(
    ({ window, limit }, i) =>
      `${limit}${i === 0 ? ` ${noun}` : ''} ${WINDOW_NAMES[window]} (${durationText(config.cooldowns[window])} pause)`,
  );
  return `Flattens and pauses trading past ${listed(parts, 'or')}`;
}

export function tradeFrequencyLimitRule(config: TradeFrequencyLimitConfig): Rule {
  const windows = (Object.keys(WINDOW_MS) as Window[]).filter((w) => config.limits[w] !== undefined);
  const executions = config.count === 'executions';
  const noun = executions ? 'executions' : 'trades';
  const counts = (context: RuleContext) => {
    const times = executions ? context.account.executionTimes() : context.account.tradeTimes();
    return windows.map((window) => {
      const limit = config.limits[window]!;
      const since = context.now - WINDOW_MS[window];
      let value = 0;
      for (let i = times.length - 1; i >= 0 && times[i]! > since; i--) value++;
      return { window, value, limit, usage: usageOf(value, limit) };
    });
  };
  return {
    id: tradeFrequencyLimit.id,
    name: tradeFrequencyLimit.key,
    title: executions ? 'Trade frequency (executions)' : 'Trade frequency',
    unit: 'trades',
    enabled: config.enabled,
    gauge: true,
    description: tradeFrequencyLimitDescription(config),
    measure(context) {
      const worst = counts(context).reduce((a, b) => (b.usage > a.usage ? b : a));
      return {
        value: worst.value,
        limit: worst.limit,
        usage: worst.usage,
        summary: `${worst.value} of ${worst.limit} ${noun} ${WINDOW_NAMES[worst.window]}`,
      };
    },
    /** Only a new trade (or execution) can break it; a count already past its limit does not re-fire on every event. */
    evaluate(context): Breach[] {
      const { event, account } = context;
      if (event?.type !== 'fill') return [];
      if (!(executions ? account.isCountedExecution(event.fill) : account.isCountedTrade(event.fill))) return [];
      return counts(context)
        .filter((c) => c.value > c.limit)
        .map((c) =>
          breachOf(this, context, {
            category: 'cooldown',
            remedy: { kind: 'flatten', lock: { kind: 'cooldown', durationMs: config.cooldowns[c.window] } },
            message: `${c.value} ${noun} ${WINDOW_NAMES[c.window]}, limit ${c.limit}`,
            value: c.value,
            limit: c.limit,
          }),
        );
    },
  };
}
