/** RULE-004 daily_unrealized_loss: a per-position stop, evaluated on every quote. */
import { z } from 'zod';
import { RULE_IDS } from '../../../shared/rules';
import type { Rule } from '../rule';
import { positionThresholdRule } from './position-pnl';

export const dailyUnrealizedLossConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  limit: z.number().negative('must be negative (an open loss in USD, e.g. -300)'),
});
export type DailyUnrealizedLossConfig = z.infer<typeof dailyUnrealizedLossConfigSchema>;

export function dailyUnrealizedLossRule(config: DailyUnrealizedLossConfig): Rule {
  return positionThresholdRule({
    id: RULE_IDS.dailyUnrealizedLoss,
    name: 'daily_unrealized_loss',
    title: 'Open loss per position',
    enabled: config.enabled,
    threshold: config.limit,
    label: 'per-position limit',
  });
}
