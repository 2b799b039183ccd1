/**
 * Domain types shared by main and renderer. Quantities are signed contract counts
 * (+3 long, -2 short); money is USD as a number, rounded to cents only at the edges.
 */

export type AccountId = number;
export type ContractId = string;

export interface Account {
  id: AccountId;
  name: string;
  balance: number;
  canTrade: boolean;
}

export interface Contract {
  id: ContractId;
  name: string;
  description: string;
  tickSize: number;
  tickValue: number;
  /** The symbol a trader types, from the contract's name: `NQZ6` → NQ (its id says ENQ; see shared/symbols.ts). */
  symbol: string;
}

export interface Position {
  accountId: AccountId;
  contractId: ContractId;
  /** Signed: positive long, negative short, never zero for an open position. */
  size: number;
  averagePrice: number;
}

export type OrderSide = 'buy' | 'sell';
export type OrderKind = 'limit' | 'market' | 'stopLimit' | 'stop' | 'trailingStop' | 'joinBid' | 'joinAsk' | 'unknown';
export type OrderState = 'open' | 'filled' | 'cancelled' | 'expired' | 'rejected' | 'pending' | 'pendingCancel' | 'suspended' | 'unknown';

export interface Order {
  id: number;
  accountId: AccountId;
  contractId: ContractId;
  kind: OrderKind;
  side: OrderSide;
  size: number;
  state: OrderState;
  limitPrice: number | null;
  stopPrice: number | null;
}

/** One fill ("half trade" on the wire). */
export interface Fill {
  id: number;
  accountId: AccountId;
  contractId: ContractId;
  orderId: number;
  timestamp: string;
  price: number;
  /** Signed quantity: + bought, − sold. */
  size: number;
  /** Gross realized P&L of this fill; null for an opening fill. */
  profitAndLoss: number | null;
  fees: number;
  voided: boolean;
}

export interface Quote {
  contractId: ContractId;
  /**
   * The mark: the last traded price, or, until one is known, the middle of bid and ask (live quotes are
   * often bid/ask only; gateway/normalise.ts `quoteOf`).
   */
  lastPrice: number;
  bestBid: number | null;
  bestAsk: number | null;
  timestamp: string;
}

const WORKING_STATES: ReadonlySet<OrderState> = new Set(['open', 'pending', 'suspended']);

export function isWorking(order: Order): boolean {
  return WORKING_STATES.has(order.state);
}

const STOP_KINDS: ReadonlySet<OrderKind> = new Set(['stop', 'trailingStop', 'stopLimit']);

/**
 * A working stop that protects the position: stop, trailing stop or stop-limit (3 is StopLimit,
 * not Stop), on the exit side, open or a suspended bracket leg.
 */
export function coversPosition(order: Order, position: Pick<Position, 'contractId' | 'size'>): boolean {
  const exitSide: OrderSide = position.size > 0 ? 'sell' : 'buy';
  return (
    order.contractId === position.contractId &&
    order.side === exitSide &&
    STOP_KINDS.has(order.kind) &&
    (order.state === 'open' || order.state === 'suspended')
  );
}

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A normalised gateway event: what the engine consumes, whatever the wire looked like. */
export type GatewayEvent =
  | { type: 'account'; account: Account }
  | { type: 'position'; position: Position }
  | { type: 'positionClosed'; accountId: AccountId; contractId: ContractId }
  | { type: 'order'; order: Order }
  | { type: 'fill'; fill: Fill }
  | { type: 'quote'; quote: Quote };

/** The account an event is about; null for a quote, which concerns every account holding the contract. */
export function eventAccountId(event: GatewayEvent): AccountId | null {
  switch (event.type) {
    case 'account':
      return event.account.id;
    case 'position':
      return event.position.accountId;
    case 'positionClosed':
      return event.accountId;
    case 'order':
      return event.order.accountId;
    case 'fill':
      return event.fill.accountId;
    case 'quote':
      return null;
  }
}

/** The contract an event is about; null for an account update. */
export function eventContractId(event: GatewayEvent | null): ContractId | null {
  if (!event) return null;
  switch (event.type) {
    case 'position':
      return event.position.contractId;
    case 'positionClosed':
      return event.contractId;
    case 'order':
      return event.order.contractId;
    case 'fill':
      return event.fill.contractId;
    case 'quote':
      return event.quote.contractId;
    case 'account':
      return null;
  }
}
