/** What enforcement needs from the gateway: the calls that take risk off. */
export interface Broker {
  closePosition(accountId: number, contractId: string): Promise<void>;
  cancelOrder(accountId: number, orderId: number): Promise<void>;
}
