/** risk-config.yaml: unknown keys are refused, so a typo never silently disables a rule. */
import { z } from 'zod';
import { dailyRealizedLossConfigSchema } from '../engine/rules/daily-realized-loss';
import { maxContractsConfigSchema } from '../engine/rules/max-contracts';

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
  enforcement: z
    .strictObject({ mode: z.enum(['live', 'dry_run']).default('live') })
    .default({ mode: 'live' }),
  rules: z.strictObject({
    max_contracts: maxContractsConfigSchema.optional(),
    daily_realized_loss: dailyRealizedLossConfigSchema.optional(),
  }),
});

export type RiskConfig = z.infer<typeof riskConfigSchema>;

/** What Risk Warden guards with when no config file is given (the example file says the same). */
export const DEFAULT_CONFIG: RiskConfig = riskConfigSchema.parse({
  rules: {
    max_contracts: { limit: 5 },
    daily_realized_loss: { limit: -500 },
  },
});
