/** What the simulator's book holds and publishes, in the gateway's wire field names. */
import { OrderStatus, type PlaceOrderRequest } from '../gateway/wire';
import type { SimAccount } from './accounts';
import type { SimContract } from './contracts';
import type { wirePosition, wirePrint } from './wire-format';

export interface SimOrder {
  id: number;
  accountId: number;
  contractId: string;
  symbolId: string;
  creationTimestamp: string;
  updateTimestamp: string;
  status: number;
  type: number;
  side: number;
  size: number;
  limitPrice: number | null;
  stopPrice: number | null;
  fillVolume: number;
  filledPrice: number | null;
  customTag: string | null;
  /** Bracket children: the entry they belong to; the TP is linked to its SL (OCO). */
  parentOrderId: number | null;
  linkedOrderId: number | null;
  /** A trailing stop's distance from the last price, in price (what the gateway reads back as trailPrice). */
  trailDistance?: number;
}

/** An order as Order/place first creates it: pending, unfilled, outside any bracket. */
export function placedOrder(id: number, input: PlaceOrderRequest, contract: SimContract, at: string): SimOrder {
  return {
    id,
    accountId: input.accountId,
    contractId: contract.id,
    symbolId: contract.symbolId,
    creationTimestamp: at,
    updateTimestamp: at,
    status: OrderStatus.Pending,
    type: input.type,
    side: input.side,
    size: input.size,
    limitPrice: input.limitPrice ?? null,
    stopPrice: input.stopPrice ?? null,
    fillVolume: 0,
    filledPrice: null,
    customTag: input.customTag ?? null,
    parentOrderId: null,
    linkedOrderId: null,
  };
}

export interface SimTrade {
  id: number;
  accountId: number;
  contractId: string;
  creationTimestamp: string;
  price: number;
  profitAndLoss: number | null;
  fees: number;
  side: number;
  size: number;
  voided: boolean;
  orderId: number;
}

/** Signed size inside; the wire gets a position type and an unsigned size. */
export interface SimPosition {
  id: number;
  accountId: number;
  contractId: string;
  creationTimestamp: string;
  size: number;
  averagePrice: number;
}

export type SimEvent =
  | { topic: 'account'; accountId: number; payload: SimAccount }
  | { topic: 'order'; accountId: number; payload: SimOrder }
  | { topic: 'trade'; accountId: number; payload: SimTrade }
  | { topic: 'position'; accountId: number; payload: ReturnType<typeof wirePosition> }
  | { topic: 'quote'; contractId: string; payload: Record<string, unknown> }
  | { topic: 'print'; contractId: string; payload: ReturnType<typeof wirePrint> };

/** A refusal with the endpoint's own errorCode, named through wire.ts (`errorCode('Order/place', 'ContractNotFound')`), and the gateway's message. */
export class SimRejection extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly orderId: number | null = null,
  ) {
    super(message);
  }
}
