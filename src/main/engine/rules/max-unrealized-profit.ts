/** RULE-005 max_unrealized_profit: a per-position take-profit. */
import { z } from 'zod';
import { roundCents, symbolOfContractId } from '../../../shared/domain';
import { RULE_IDS } from '../../../shared/rules';
import { breachOf, usageOf, type Breach, type Rule } from '../rule';
import { positionPnls } from './position-pnl';

export const maxUnrealizedProfitConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  target: z.number().positive('must be positive (an open profit in USD, e.g. 500)'),
});
export type MaxUnrealizedProfitConfig = z.infer<typeof maxUnrealizedProfitConfigSchema>;

export function maxUnrealizedProfitRule(config: MaxUnrealizedProfitConfig): Rule {
  return {
    id: RULE_IDS.maxUnrealizedProfit,
    name: 'max_unrealized_profit',
    title: 'Take profit per position',
    unit: 'usd',
    enabled: config.enabled,
    measure(context) {
      const best = Math.max(0, ...positionPnls(context).map((p) => p.pnl));
      return { value: roundCents(best), limit: config.target, usage: usageOf(best, config.target) };
    },
    evaluate(context): Breach[] {
      return positionPnls(context)
        .filter(({ pnl }) => roundCents(pnl) >= config.target)
        .map(({ position, pnl }) =>
          breachOf(this, context, {
            category: 'tradeByTrade',
            remedy: { kind: 'closePosition', contractId: position.contractId },
            message: `${symbolOfContractId(position.contractId)} open P&L ${roundCents(pnl).toFixed(2)} reached the take-profit ${config.target.toFixed(2)}`,
            value: roundCents(pnl),
            limit: config.target,
          }),
        );
    },
  };
}
