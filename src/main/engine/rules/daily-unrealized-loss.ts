/** RULE-004 daily_unrealized_loss: a per-position stop, evaluated on every quote. */
import { z } from 'zod';
import { roundCents, symbolOfContractId } from '../../../shared/domain';
import { RULE_IDS } from '../../../shared/rules';
import { breachOf, usageOf, type Breach, type Rule } from '../rule';
import { positionPnls } from './position-pnl';

export const dailyUnrealizedLossConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  limit: z.number().negative('must be negative (an open loss in USD, e.g. -300)'),
});
export type DailyUnrealizedLossConfig = z.infer<typeof dailyUnrealizedLossConfigSchema>;

export function dailyUnrealizedLossRule(config: DailyUnrealizedLossConfig): Rule {
  return {
    id: RULE_IDS.dailyUnrealizedLoss,
    name: 'daily_unrealized_loss',
    title: 'Open loss per position',
    unit: 'usd',
    enabled: config.enabled,
    measure(context) {
      const worst = Math.min(0, ...positionPnls(context).map((p) => p.pnl));
      return { value: roundCents(worst), limit: config.limit, usage: usageOf(worst, config.limit) };
    },
    evaluate(context): Breach[] {
      return positionPnls(context)
        .filter(({ pnl }) => roundCents(pnl) <= config.limit)
        .map(({ position, pnl }) =>
          breachOf(this, context, {
            category: 'tradeByTrade',
            remedy: { kind: 'closePosition', contractId: position.contractId },
            message: `${symbolOfContractId(position.contractId)} open P&L ${roundCents(pnl).toFixed(2)} reached the per-position limit ${config.limit.toFixed(2)}`,
            value: roundCents(pnl),
            limit: config.limit,
          }),
        );
    },
  };
}
