/**
 * The order in which the messages of one fill go out. The live gateway sends a fill as an order
 * update, a trade, a position and an account message on the user hub, in an order that is not
 * guaranteed, and a reconnect can deliver a trade or position again (../shared/PROJECTX.md §6.2,
 * §13). The simulator's own order is one of these; the others let tests deliver every legal
 * interleaving. Seeded, so an order that broke something can be replayed.
 */
import { z } from 'zod';
import type { SimEvent } from './records';
import { seededRandom } from './seeded-random';

export const FILL_ORDERS = ['simulator', 'live', 'positionFirst', 'shuffled'] as const;
export type FillOrder = (typeof FILL_ORDERS)[number];

export const FillDeliverySchema = z.strictObject({
  /**
   * simulator: the order update(s), the market print, trade, position, account (the simulator's own order);
   * live: order update, trade, position, account (the order logged from the live gateway);
   * positionFirst: order update, position, trade, account;
   * shuffled: a seeded random permutation of the four, drawn afresh for every fill.
   * Except in `simulator`, the market hub's print goes out first: it is no user-hub message.
   */
  order: z.enum(FILL_ORDERS),
  /** Send the fill's trade and position messages once more after the others, as a reconnect replay would. */
  duplicates: z.boolean().optional(),
  /** Seeds `shuffled` (default 1). */
  seed: z.number().int().optional(),
});
export type FillDeliveryOptions = z.infer<typeof FillDeliverySchema>;

/** What one fill publishes: its order's update with the OCO siblings it cancelled, the market print and the user-hub records. */
export interface FillMessages {
  orders: readonly SimEvent[];
  print: SimEvent;
  trade: SimEvent;
  position: SimEvent;
  account: SimEvent;
}

type UserPart = 'orders' | 'trade' | 'position' | 'account';
const FIXED: Record<'live' | 'positionFirst', readonly UserPart[]> = {
  live: ['orders', 'trade', 'position', 'account'],
  positionFirst: ['orders', 'position', 'trade', 'account'],
};

export class FillDelivery {
  private readonly random: () => number;

  constructor(readonly options: FillDeliveryOptions = { order: 'simulator' }) {
    this.random = seededRandom(options.seed ?? 1);
  }

  /** The messages of one fill in the order they go out. */
  sequence(fill: FillMessages): SimEvent[] {
    const replay = this.options.duplicates ? this.inOrder<'trade' | 'position'>(['trade', 'position']) : [];
    const again = replay.map((part) => fill[part]);
    if (this.options.order === 'simulator') return [...fill.orders, fill.print, fill.trade, fill.position, fill.account, ...again];
    const parts =
      this.options.order === 'shuffled' ? this.inOrder<UserPart>(['orders', 'trade', 'position', 'account']) : FIXED[this.options.order];
    return [fill.print, ...parts.flatMap((part) => (part === 'orders' ? fill.orders : [fill[part]])), ...again];
  }

  /** The parts as they are, or a seeded permutation of them when shuffling (Fisher–Yates). */
  private inOrder<T>(parts: T[]): T[] {
    if (this.options.order !== 'shuffled') return parts;
    const shuffled = [...parts];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    return shuffled;
  }
}
