/** What enforcement needs from the gateway: the calls that take risk off or protect a position, and the reads that verify them. */
import type { Order, Position } from '../../shared/domain';

export interface Broker {
  closePosition(accountId: number, contractId: string): Promise<void>;
  partialClosePosition(accountId: number, contractId: string, size: number): Promise<void>;
  cancelOrder(accountId: number, orderId: number): Promise<void>;
  modifyStop(accountId: number, orderId: number, stopPrice: number): Promise<void>;
  /** Resolves with the new order's id. */
  placeStop(accountId: number, contractId: string, side: 'buy' | 'sell', size: number, stopPrice: number): Promise<number>;
  /** An order as the broker has it now, whatever its state; null when it does not know it. */
  order(accountId: number, orderId: number): Promise<Order | null>;
  /** The account's open positions and working orders as the broker has them now. */
  openState(accountId: number): Promise<{ positions: Position[]; orders: Order[] }>;
}

/**
 * How a failed call may be handled: `transient` may succeed later and may have gone through
 * (network, 5xx); `rateLimited` may succeed later and did not go through; `alreadyGone` means the
 * position or order the call was for no longer exists; `final` is the broker's last word.
 */
export type BrokerFailure = 'transient' | 'rateLimited' | 'alreadyGone' | 'final';

export class BrokerError extends Error {
  constructor(
    message: string,
    readonly failure: BrokerFailure,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An error that is not a BrokerError is a bug or a broker we do not understand: not worth repeating. */
export function failureOf(error: unknown): BrokerFailure {
  return error instanceof BrokerError ? error.failure : 'final';
}
