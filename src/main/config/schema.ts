/** risk-config.yaml: unknown keys are refused, so a typo never silently disables a rule. */
import { z } from 'zod';
import { warningLadder } from '../../shared/rules';
import type { Rule } from '../engine/rule';
import { RULE_DEFINITIONS } from '../engine/rules';
import type { RuleDefinition } from '../engine/rules/definition';

/** The most steps a warning ladder has: more would make every tick a warning. */
export const MAX_WARNING_STEPS = 5;

/**
 * `warnings:` of every rule: the percentages of its limit at which its card warns and one notification
 * goes out, rising; `off` (or []) for none. Absent = WARNING_STEPS. The trader's own alarm: a change
 * never makes a rule stricter or looser, so it applies at once (config/strictness.ts).
 */
const warningsSchema = z
  .union(
    [
      z.literal('off'),
      z
        .array(z.number().gt(0, 'must be above 0 %').lt(100, 'must be below 100 % (the limit itself is the breach)'))
        .superRefine((steps, context) => {
          // Checked here, not with .max(): a failed length check would make the union hide this reason.
          if (steps.length > MAX_WARNING_STEPS) context.addIssue({ code: 'custom', message: `has at most ${MAX_WARNING_STEPS} steps` });
          const fall = steps.findIndex((step, index) => index > 0 && step <= steps[index - 1]!);
          if (fall > 0) context.addIssue({ code: 'custom', message: `must rise: ${steps[fall - 1]} then ${steps[fall]}` });
        }),
    ],
    { error: 'must be a list of rising percentages of the limit such as [50, 70, 85], or off' },
  )
  .optional();
export type Warnings = z.infer<typeof warningsSchema>;
/** What every rule's config has besides its own settings. */
export interface RuleWarnings {
  warnings?: Warnings;
}
/** A rule's config as RiskConfig holds it: its own settings and `warnings:`. */
export type WithWarnings<Config> = { [K in keyof (Config & RuleWarnings)]: (Config & RuleWarnings)[K] };

type RuleDefinitions = (typeof RULE_DEFINITIONS)[number];
/** A rule's own settings and `warnings:`, which every rule takes. */
type SchemaWithWarnings<Schema> =
  Schema extends z.ZodObject<infer Shape, infer Config> ? z.ZodObject<Shape & { warnings: typeof warningsSchema }, Config> : never;
/** Each rule's config under its key, every rule optional. */
type RulesShape = { [D in RuleDefinitions as D['key']]: z.ZodOptional<SchemaWithWarnings<D['schema']>> };

/** Every rule's schema with `warnings:` added here, once, so a new rule file gets it without a word. */
function withWarnings(definition: RuleDefinition): z.ZodType {
  if (!(definition.schema instanceof z.ZodObject)) throw new Error(`rule ${definition.key}: its config schema must be an object`);
  return definition.schema.safeExtend({ warnings: warningsSchema });
}

const rulesShape = Object.fromEntries(
  RULE_DEFINITIONS.map((definition: RuleDefinition) => [definition.key, withWarnings(definition).optional()]),
) as RulesShape;

/**
 * A yes/no rule (blocked symbols, session hours) has no share of a limit to climb, so a ladder there
 * is refused rather than ignored: the trader would expect warnings that never come. `off` is accepted.
 */
function refuseLadderWithoutGauge(config: { timezone: string; rules: Record<string, unknown> }, context: z.RefinementCtx): void {
  for (const definition of RULE_DEFINITIONS as readonly RuleDefinition[]) {
    const ruleConfig = config.rules[definition.key] as RuleWarnings | undefined;
    if (!Array.isArray(ruleConfig?.warnings) || ruleConfig.warnings.length === 0) continue;
    let rule: Rule;
    try {
      rule = definition.build(ruleConfig, { timezone: config.timezone, useSession() {} });
    } catch {
      continue;
    }
    if (rule.gauge) continue;
    context.addIssue({
      code: 'custom',
      path: ['rules', definition.key, 'warnings'],
      message: `cannot be used: ${rule.title} is a yes/no rule with no share of a limit to warn at (remove it, or write off)`,
    });
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const riskConfigSchema = z
  .strictObject({
    timezone: z.string().refine(isTimeZone, 'must be an IANA timezone such as America/Chicago').default('America/Chicago'),
    daily_reset: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM such as 17:00')
      .default('17:00'),
    enforcement: z.strictObject({ mode: z.enum(['live', 'dry_run']).default('live') }).default({ mode: 'live' }),
    /** With positions open, no quote for this long means the feed froze: show "data stale" and restart it. */
    market_data: z
      .strictObject({ stale_after_seconds: z.number().int('must be a whole number of seconds').positive('must be at least 1').default(15) })
      .default({ stale_after_seconds: 15 }),
    rules: z.strictObject(rulesShape),
  })
  .superRefine(refuseLadderWithoutGauge);

export type RiskConfig = z.infer<typeof riskConfigSchema>;

/** What Risk Warden guards with when no config file is given (the example file says the same). */
export const DEFAULT_CONFIG: RiskConfig = riskConfigSchema.parse({
  rules: {
    max_contracts: { limit: 5 },
    daily_realized_loss: { limit: -500 },
  },
});

/** The warning ladder of the rule configured under `ruleName`, as shares of its limit. */
export function ruleLadder(config: RiskConfig, ruleName: string): number[] {
  return warningLadder((config.rules as Record<string, RuleWarnings | undefined>)[ruleName]?.warnings);
}
