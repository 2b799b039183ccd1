/**
 * The gateway boundary for enforcement unit tests: records calls and fails them on demand, and
 * answers reads from the account state a test scripts (as Order/searchById and the open-position
 * and open-order searches would). Reading an account no test scripted fails like an unreachable gateway.
 */
import type { Order, Position } from '../../src/shared/domain';
import type { Broker } from '../../src/main/enforcement/broker';

export class ScriptedBroker implements Broker {
  readonly calls: string[] = [];
  /** The reads, apart from the calls: "openState 1", "order 1 42". */
  readonly reads: string[] = [];
  /** What the broker shows per account when read; a test sets it. */
  readonly accounts = new Map<number, { positions: Position[]; orders: Order[] }>();
  private readonly failures: Error[] = [];
  onCall: ((call: string) => void) | null = null;
  private nextOrderId = 9001;

  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async closePosition(accountId: number, contractId: string): Promise<void> {
    return this.record(`close ${accountId} ${contractId}`);
  }

  async partialClosePosition(accountId: number, contractId: string, size: number): Promise<void> {
    return this.record(`reduce ${accountId} ${contractId} ${size}`);
  }

  async cancelOrder(accountId: number, orderId: number): Promise<void> {
    return this.record(`cancel ${accountId} ${orderId}`);
  }

  async modifyStop(accountId: number, orderId: number, stopPrice: number): Promise<void> {
    return this.record(`modify ${accountId} ${orderId} stop ${stopPrice}`);
  }

  /** Placed stops get ids from 9001 on, as Order/place answers with the new order's id. */
  async placeStop(accountId: number, contractId: string, side: 'buy' | 'sell', size: number, stopPrice: number): Promise<number> {
    await this.record(`stop ${accountId} ${contractId} ${side} ${size} @ ${stopPrice}`);
    return this.nextOrderId++;
  }

  async order(accountId: number, orderId: number): Promise<Order | null> {
    this.reads.push(`order ${accountId} ${orderId}`);
    return this.scripted(accountId).orders.find((o) => o.id === orderId) ?? null;
  }

  async openState(accountId: number): Promise<{ positions: Position[]; orders: Order[] }> {
    this.reads.push(`openState ${accountId}`);
    return this.scripted(accountId);
  }

  private scripted(accountId: number): { positions: Position[]; orders: Order[] } {
    const state = this.accounts.get(accountId);
    if (!state) throw new Error(`account ${accountId} cannot be read`);
    return state;
  }

  private record(call: string): void {
    this.calls.push(call);
    this.onCall?.(call);
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}
