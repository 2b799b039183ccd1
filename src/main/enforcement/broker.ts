/** What enforcement needs from the gateway: the calls that take risk off or protect a position. */
export interface Broker {
  closePosition(accountId: number, contractId: string): Promise<void>;
  partialClosePosition(accountId: number, contractId: string, size: number): Promise<void>;
  cancelOrder(accountId: number, orderId: number): Promise<void>;
  modifyStop(accountId: number, orderId: number, stopPrice: number): Promise<void>;
  placeStop(accountId: number, contractId: string, side: 'buy' | 'sell', size: number, stopPrice: number): Promise<void>;
}
