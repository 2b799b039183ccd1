import type { Contract, Position } from '../../shared/domain';

/**
 * Unrealized P&L of a signed position: size × (mark − average) / tickSize × tickValue.
 * Ticks are rounded to kill float noise (0.1 + 0.2 style) since prices move in whole ticks.
 */
export function unrealizedPnl(
  position: Pick<Position, 'size' | 'averagePrice'>,
  contract: Pick<Contract, 'tickSize' | 'tickValue'>,
  mark: number,
): number {
  const ticks = Math.round(((mark - position.averagePrice) / contract.tickSize) * 1e6) / 1e6;
  return position.size * ticks * contract.tickValue;
}
