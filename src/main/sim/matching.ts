/** When a resting order meets the market: limits fill at their price or better, stops at the last price once touched. */
import { OrderSide, OrderType } from '../gateway/wire';
import type { SimOrder } from './records';

/** The price a working order fills at with the market at `last`, or null while it rests. */
export function matchPrice(order: SimOrder, last: number): number | null {
  const buy = order.side === OrderSide.Bid;
  if (order.type === OrderType.Limit) {
    const limit = order.limitPrice!;
    if (!(buy ? last <= limit : last >= limit)) return null;
    return buy ? Math.min(last, limit) : Math.max(last, limit);
  }
  if (order.type === OrderType.Stop || order.type === OrderType.TrailingStop) {
    const stop = order.stopPrice!;
    const touched = buy ? last >= stop : last <= stop;
    return touched ? last : null;
  }
  return null;
}
