/** risk-config.yaml: unknown keys are refused, so a typo never silently disables a rule. */
import { z } from 'zod';
import { RULE_DEFINITIONS } from '../engine/rules';

type RuleDefinitions = (typeof RULE_DEFINITIONS)[number];
/** Each rule's config under its key, every rule optional. */
type RulesShape = { [D in RuleDefinitions as D['key']]: z.ZodOptional<D['schema']> };

const rulesShape = Object.fromEntries(RULE_DEFINITIONS.map((definition) => [definition.key, definition.schema.optional()])) as RulesShape;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const riskConfigSchema = z.strictObject({
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
});

export type RiskConfig = z.infer<typeof riskConfigSchema>;

/** What Risk Warden guards with when no config file is given (the example file says the same). */
export const DEFAULT_CONFIG: RiskConfig = riskConfigSchema.parse({
  rules: {
    max_contracts: { limit: 5 },
    daily_realized_loss: { limit: -500 },
  },
});
