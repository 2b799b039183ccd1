/** Trailing stops: a stop kept a fixed distance behind the last price, which follows it and never moves back. */
import { OrderSide } from '../gateway/wire';
import { roundPrice } from './fill-math';
import type { SimOrder } from './records';

/** The stop `distance` behind the last price: under it for a sell stop, over it for a buy stop. */
function stopBehind(side: number, last: number, distance: number): number {
  return roundPrice(side === OrderSide.Ask ? last - distance : last + distance);
}

/**
 * A new trailing stop: the distance from the last price to the requested trailPrice, in whole
 * ticks and at least one, and the stop that far behind the last price.
 */
export function trailingStart(
  side: number,
  last: number,
  trailPrice: number,
  tickSize: number,
): Pick<SimOrder, 'trailDistance' | 'stopPrice'> {
  const distance = roundPrice(Math.max(tickSize, Math.round(Math.abs(last - trailPrice) / tickSize) * tickSize));
  return { trailDistance: distance, stopPrice: stopBehind(side, last, distance) };
}

/** The stop price a trailing stop moves to at this last price, or null when it stays. */
export function followedStop(order: SimOrder, last: number): number | null {
  const follow = stopBehind(order.side, last, order.trailDistance!);
  const tighter = order.side === OrderSide.Bid ? follow < order.stopPrice! : follow > order.stopPrice!;
  return tighter ? follow : null;
}
