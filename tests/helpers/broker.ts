/** The gateway boundary for enforcement unit tests: records calls and fails them on demand. */
import type { Broker } from '../../src/main/enforcement/broker';

export class ScriptedBroker implements Broker {
  readonly calls: string[] = [];
  private readonly failures: Error[] = [];
  onCall: ((call: string) => void) | null = null;

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

  async placeStop(accountId: number, contractId: string, side: 'buy' | 'sell', size: number, stopPrice: number): Promise<void> {
    return this.record(`stop ${accountId} ${contractId} ${side} ${size} @ ${stopPrice}`);
  }

  private record(call: string): void {
    this.calls.push(call);
    this.onCall?.(call);
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}
