/** Every order the simulator has taken, by id, with the bracket each leg was placed with. */
import { OrderStatus } from '../gateway/wire';
import type { Bracket } from './brackets';
import { SimRejection, type SimOrder } from './records';

/** What Order/searchOpen lists: suspended bracket legs are left out, as on the live gateway. */
export const isListedOpen = (o: SimOrder) => o.status === OrderStatus.Open || o.status === OrderStatus.Pending;

export class OrderBook {
  private readonly orders = new Map<number, SimOrder>();
  private readonly brackets = new Map<number, Bracket>();
  private nextOrderId = 2_600_000_001;

  /** Ids keep counting across a reset, so none is reused. */
  clear(): void {
    this.orders.clear();
    this.brackets.clear();
  }

  nextId(): number {
    return this.nextOrderId++;
  }

  add(order: SimOrder): void {
    this.orders.set(order.id, order);
  }

  addLeg(leg: SimOrder, bracket: Bracket): void {
    this.brackets.set(leg.id, bracket);
    this.add(leg);
  }

  bracketOf(leg: SimOrder): Bracket {
    return this.brackets.get(leg.id)!;
  }

  /** A copy, so matching can fill and cancel while it walks the book. */
  all(): SimOrder[] {
    return [...this.orders.values()];
  }

  /** The account's order, or the caller's endpoint's OrderNotFound. */
  owned(accountId: number, orderId: number, notFoundCode: number): SimOrder {
    const order = this.orders.get(orderId);
    if (!order || order.accountId !== accountId) throw new SimRejection(notFoundCode, `Order ${orderId} not found`);
    return order;
  }

  ordersOf(accountId: number, since?: number): SimOrder[] {
    return this.all().filter((o) => o.accountId === accountId && (since === undefined || Date.parse(o.creationTimestamp) >= since));
  }

  listedOpen(accountId?: number): SimOrder[] {
    return this.all().filter((o) => isListedOpen(o) && (accountId === undefined || o.accountId === accountId));
  }
}
