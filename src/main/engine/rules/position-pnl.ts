import type { Position } from '../../../shared/domain';
import type { RuleContext } from '../rule';

/** Each open position with a known mark and its unrealized P&L. */
export function positionPnls(context: RuleContext): { position: Position; pnl: number }[] {
  return context.account.positions().flatMap((position) => {
    const pnl = context.account.unrealizedOf(position);
    return pnl === null ? [] : [{ position, pnl }];
  });
}
