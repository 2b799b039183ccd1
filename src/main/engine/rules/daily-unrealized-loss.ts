/** RULE-004 daily_unrealized_loss: a per-position stop, evaluated on every quote. */
import { z } from 'zod';
import type { Rule } from '../rule';
import { positionThresholdRule } from './position-pnl';
import { defineRule } from './definition';

export const dailyUnrealizedLossConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  limit: z.number().negative('must be negative (an open loss in USD, e.g. -300)'),
});
export type DailyUnrealizedLossConfig = z.infer<typeof dailyUnrealizedLossConfigSchema>;

export const dailyUnrealizedLoss = defineRule({
  key: 'daily_unrealized_loss',
  id: 'RULE-004',
  schema: dailyUnrealizedLossConfigSchema,
  strictness: { largerIsStricter: ['limit'] },
  build: dailyUnrealizedLossRule,
});

export function dailyUnrealizedLossRule(config: DailyUnrealizedLossConfig): Rule {
  return positionThresholdRule({
    id: dailyUnrealizedLoss.id,
    name: dailyUnrealizedLoss.key,
    title: 'Open loss per position',
    enabled: config.enabled,
    threshold: config.limit,
    label: 'per-position limit',
    reaching: 'open loss',
  });
}
