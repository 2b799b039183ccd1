/** Wire payloads → domain types. The live user hub wraps entities as `{action, data}`; the docs show them bare. */
import type { Account, Contract, Fill, GatewayEvent, Order, OrderKind, OrderState, Quote } from '../../shared/domain';
import { tradedSymbol } from '../../shared/symbols';
import type { z } from 'zod';
import {
  OrderSide,
  OrderStatus,
  OrderType,
  PositionType,
  WireAccountSchema,
  WireOrderSchema,
  WirePositionSchema,
  WireTradeSchema,
  type Code,
  type WireAccount,
  type WireContract,
  type WireOrder,
  type WirePosition,
  type WireQuote,
  type WireTrade,
} from './wire';

const ORDER_KINDS: Readonly<Record<number, OrderKind>> = {
  [OrderType.Unknown]: 'unknown',
  [OrderType.Limit]: 'limit',
  [OrderType.Market]: 'market',
  [OrderType.StopLimit]: 'stopLimit',
  [OrderType.Stop]: 'stop',
  [OrderType.TrailingStop]: 'trailingStop',
  [OrderType.JoinBid]: 'joinBid',
  [OrderType.JoinAsk]: 'joinAsk',
} satisfies Record<Code<typeof OrderType>, OrderKind>;
const ORDER_STATES: Readonly<Record<number, OrderState>> = {
  [OrderStatus.None]: 'unknown',
  [OrderStatus.Open]: 'open',
  [OrderStatus.Filled]: 'filled',
  [OrderStatus.Cancelled]: 'cancelled',
  [OrderStatus.Expired]: 'expired',
  [OrderStatus.Rejected]: 'rejected',
  [OrderStatus.Pending]: 'pending',
  [OrderStatus.PendingCancellation]: 'pendingCancel',
  [OrderStatus.Suspended]: 'suspended',
} satisfies Record<Code<typeof OrderStatus>, OrderState>;

export function unwrapUserPayload(payload: unknown): unknown {
  if (payload !== null && typeof payload === 'object' && 'action' in payload && 'data' in payload) {
    const data = (payload as { data: unknown }).data;
    if (data !== null && typeof data === 'object') return data;
  }
  return payload;
}

export function toAccount(wire: WireAccount): Account {
  return { id: wire.id, name: wire.name, balance: wire.balance, canTrade: wire.canTrade };
}

export function toContract(wire: WireContract): Contract {
  return {
    id: wire.id,
    name: wire.name,
    description: wire.description,
    tickSize: wire.tickSize,
    tickValue: wire.tickValue,
    symbol: tradedSymbol(wire.name),
  };
}

const POSITION_DIRECTION: Readonly<Record<number, number>> = { [PositionType.Long]: 1, [PositionType.Short]: -1 };

/** A position of size 0 (or type Undefined) is a close, however the gateway labels it. */
export function toPositionEvent(wire: WirePosition): GatewayEvent {
  const size = (POSITION_DIRECTION[wire.type] ?? 0) * Math.abs(wire.size);
  if (size === 0) return { type: 'positionClosed', accountId: wire.accountId, contractId: wire.contractId };
  return { type: 'position', position: { accountId: wire.accountId, contractId: wire.contractId, size, averagePrice: wire.averagePrice } };
}

export function toOrder(wire: WireOrder): Order {
  return {
    id: wire.id,
    accountId: wire.accountId,
    contractId: wire.contractId,
    kind: ORDER_KINDS[wire.type] ?? 'unknown',
    side: wire.side === OrderSide.Ask ? 'sell' : 'buy',
    size: wire.size,
    state: ORDER_STATES[wire.status] ?? 'unknown',
    limitPrice: wire.limitPrice ?? null,
    stopPrice: wire.stopPrice ?? null,
  };
}

/** Fees net of commissions where the gateway reports them separately. */
export function toFill(wire: WireTrade): Fill {
  const sign = wire.side === OrderSide.Ask ? -1 : 1;
  return {
    id: wire.id,
    accountId: wire.accountId,
    contractId: wire.contractId,
    orderId: wire.orderId,
    timestamp: wire.creationTimestamp,
    price: wire.price,
    size: sign * Math.abs(wire.size),
    profitAndLoss: wire.profitAndLoss ?? null,
    fees: wire.fees + (wire.commissions ?? 0),
    voided: wire.voided,
  };
}

/** Merges a partial quote into the last known quote of the contract. Null when no price is known yet. */
export function mergeQuote(contractId: string, wire: WireQuote, previous: Quote | undefined): Quote | null {
  const lastPrice = wire.lastPrice ?? previous?.lastPrice;
  if (lastPrice === undefined) return null;
  return {
    contractId,
    lastPrice,
    bestBid: wire.bestBid ?? previous?.bestBid ?? null,
    bestAsk: wire.bestAsk ?? previous?.bestAsk ?? null,
    timestamp: wire.timestamp ?? wire.lastUpdated ?? previous?.timestamp ?? new Date(0).toISOString(),
  };
}

export type UserHubTarget = 'GatewayUserAccount' | 'GatewayUserPosition' | 'GatewayUserOrder' | 'GatewayUserTrade';

export class MalformedPayloadError extends Error {
  constructor(target: string, issues: z.core.$ZodIssue[]) {
    super(`${target}: malformed payload (${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')})`);
    this.name = 'MalformedPayloadError';
  }
}

function parseWith<T>(schema: z.ZodType<T>, target: string, raw: unknown): T {
  const parsed = schema.safeParse(unwrapUserPayload(raw));
  if (!parsed.success) throw new MalformedPayloadError(target, parsed.error.issues);
  return parsed.data;
}

export function normaliseUserEvent(target: UserHubTarget, raw: unknown): GatewayEvent {
  switch (target) {
    case 'GatewayUserAccount':
      return { type: 'account', account: toAccount(parseWith(WireAccountSchema, target, raw)) };
    case 'GatewayUserPosition':
      return toPositionEvent(parseWith(WirePositionSchema, target, raw));
    case 'GatewayUserOrder':
      return { type: 'order', order: toOrder(parseWith(WireOrderSchema, target, raw)) };
    case 'GatewayUserTrade':
      return { type: 'fill', fill: toFill(parseWith(WireTradeSchema, target, raw)) };
  }
}

/**
 * GatewayTrade prints arrive batched as an array (live) or one object (docs): the last price
 * printed, or null when the payload holds none.
 */
export function lastTradePrice(raw: unknown): number | null {
  const items = Array.isArray(raw) ? raw : [raw];
  for (let i = items.length - 1; i >= 0; i--) {
    const price = (items[i] as { price?: unknown } | null)?.price;
    if (typeof price === 'number' && Number.isFinite(price)) return price;
  }
  return null;
}

const QUOTE_NUMBERS = ['lastPrice', 'bestBid', 'bestAsk'] as const;
const QUOTE_STRINGS = ['symbol', 'timestamp', 'lastUpdated'] as const;

/**
 * Quotes are the hottest message (thousands a second), so they are checked by hand rather than
 * through the zod schema; the refusals are the same.
 */
export function parseQuote(raw: unknown): WireQuote {
  if (raw === null || typeof raw !== 'object')
    throw new MalformedPayloadError('GatewayQuote', [
      { code: 'invalid_type', expected: 'object', path: [], message: 'expected an object', input: raw },
    ]);
  const quote = raw as Record<string, unknown>;
  for (const key of QUOTE_NUMBERS) {
    const value = quote[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new MalformedPayloadError('GatewayQuote', [
        { code: 'invalid_type', expected: 'number', path: [key], message: 'expected a number', input: value },
      ]);
    }
  }
  for (const key of QUOTE_STRINGS) {
    const value = quote[key];
    if (value !== undefined && typeof value !== 'string') {
      throw new MalformedPayloadError('GatewayQuote', [
        { code: 'invalid_type', expected: 'string', path: [key], message: 'expected a string', input: value },
      ]);
    }
  }
  return quote as WireQuote;
}
