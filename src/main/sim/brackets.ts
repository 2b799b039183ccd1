/** Bracket orders: stop-loss and take-profit legs that wait on their entry, then cancel each other (OCO). */
import { OrderSide, OrderStatus, OrderType } from '../gateway/wire';
import { roundPrice } from './fill-math';
import type { SimOrder } from './records';

/** A leg as requested: signed ticks from the entry's fill, and the leg's order type. */
export interface Bracket {
  ticks: number;
  type: number;
}

/** A leg of `parent`: on the exit side, suspended and unpriced until the entry fills. */
export function bracketLeg(parent: SimOrder, id: number, type: number, suffix: string): SimOrder {
  return {
    ...parent,
    id,
    type,
    side: parent.side === OrderSide.Bid ? OrderSide.Ask : OrderSide.Bid,
    status: OrderStatus.Suspended,
    limitPrice: null,
    stopPrice: null,
    customTag: `${parent.customTag ?? parent.id}${suffix}`,
    parentOrderId: parent.id,
    linkedOrderId: null,
  };
}

/** The change that makes a suspended leg a working order, priced `ticks` from the entry's fill. */
export function armedLeg(leg: SimOrder, ticks: number, fillPrice: number, tickSize: number): Partial<SimOrder> {
  const price = roundPrice(fillPrice + ticks * tickSize);
  return { status: OrderStatus.Open, ...(leg.type === OrderType.Limit ? { limitPrice: price } : { stopPrice: price }) };
}

/** OCO: whether `other` is a live leg of the same entry as the leg that just filled. */
export function isOcoSibling(filled: SimOrder, other: SimOrder): boolean {
  return (
    filled.parentOrderId !== null &&
    other.id !== filled.id &&
    other.parentOrderId === filled.parentOrderId &&
    (other.status === OrderStatus.Open || other.status === OrderStatus.Suspended)
  );
}
