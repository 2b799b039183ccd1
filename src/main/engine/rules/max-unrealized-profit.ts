/** RULE-005 max_unrealized_profit: a per-position take-profit, evaluated on every quote. */
import { z } from 'zod';
import { RULE_IDS } from '../../../shared/rules';
import type { Rule } from '../rule';
import { positionThresholdRule } from './position-pnl';

export const maxUnrealizedProfitConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  target: z.number().positive('must be positive (an open profit in USD, e.g. 500)'),
});
export type MaxUnrealizedProfitConfig = z.infer<typeof maxUnrealizedProfitConfigSchema>;

export function maxUnrealizedProfitRule(config: MaxUnrealizedProfitConfig): Rule {
  return positionThresholdRule({
    id: RULE_IDS.maxUnrealizedProfit,
    name: 'max_unrealized_profit',
    title: 'Take profit per position',
    enabled: config.enabled,
    threshold: config.target,
    label: 'take-profit',
  });
}
