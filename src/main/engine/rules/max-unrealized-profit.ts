/** RULE-005 max_unrealized_profit: a per-position take-profit, evaluated on every quote. */
import { z } from 'zod';
import type { Rule } from '../rule';
import { positionThresholdRule } from './position-pnl';
import { defineRule } from './definition';

export const maxUnrealizedProfitConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  target: z.number().positive('must be positive (an open profit in USD, e.g. 500)'),
});
export type MaxUnrealizedProfitConfig = z.infer<typeof maxUnrealizedProfitConfigSchema>;

export const maxUnrealizedProfit = defineRule({
  key: 'max_unrealized_profit',
  id: 'RULE-005',
  schema: maxUnrealizedProfitConfigSchema,
  strictness: { smallerIsStricter: ['target'] },
  build: maxUnrealizedProfitRule,
});

export function maxUnrealizedProfitRule(config: MaxUnrealizedProfitConfig): Rule {
  return positionThresholdRule({
    id: maxUnrealizedProfit.id,
    name: maxUnrealizedProfit.key,
    title: 'Take profit per position',
    enabled: config.enabled,
    threshold: config.target,
    label: 'take-profit',
    reaching: 'open profit',
  });
}
