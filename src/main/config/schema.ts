/** risk-config.yaml: unknown keys are refused, so a typo never silently disables a rule. */
import { z } from 'zod';
import { authLossGuardConfigSchema } from '../engine/rules/auth-loss-guard';
import { cooldownAfterLossConfigSchema } from '../engine/rules/cooldown-after-loss';
import { dailyRealizedLossConfigSchema } from '../engine/rules/daily-realized-loss';
import { dailyRealizedProfitConfigSchema } from '../engine/rules/daily-realized-profit';
import { dailyUnrealizedLossConfigSchema } from '../engine/rules/daily-unrealized-loss';
import { maxContractsConfigSchema } from '../engine/rules/max-contracts';
import { maxContractsPerInstrumentConfigSchema } from '../engine/rules/max-contracts-per-instrument';
import { maxUnrealizedProfitConfigSchema } from '../engine/rules/max-unrealized-profit';
import { noStopLossGraceConfigSchema } from '../engine/rules/no-stop-loss-grace';
import { sessionBlockOutsideConfigSchema } from '../engine/rules/session-block-outside';
import { symbolBlocksConfigSchema } from '../engine/rules/symbol-blocks';
import { tradeFrequencyLimitConfigSchema } from '../engine/rules/trade-frequency-limit';
import { tradeManagementConfigSchema } from '../engine/rules/trade-management';

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
  rules: z.strictObject({
    max_contracts: maxContractsConfigSchema.optional(),
    max_contracts_per_instrument: maxContractsPerInstrumentConfigSchema.optional(),
    daily_realized_loss: dailyRealizedLossConfigSchema.optional(),
    daily_unrealized_loss: dailyUnrealizedLossConfigSchema.optional(),
    max_unrealized_profit: maxUnrealizedProfitConfigSchema.optional(),
    trade_frequency_limit: tradeFrequencyLimitConfigSchema.optional(),
    cooldown_after_loss: cooldownAfterLossConfigSchema.optional(),
    no_stop_loss_grace: noStopLossGraceConfigSchema.optional(),
    session_block_outside: sessionBlockOutsideConfigSchema.optional(),
    auth_loss_guard: authLossGuardConfigSchema.optional(),
    symbol_blocks: symbolBlocksConfigSchema.optional(),
    trade_management: tradeManagementConfigSchema.optional(),
    daily_realized_profit: dailyRealizedProfitConfigSchema.optional(),
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
