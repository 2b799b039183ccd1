/** Wire payloads → domain types. The live user hub wraps entities as `{action, data}`; the docs show them bare. */
import type { Account, Contract, Fill, GatewayEvent, Order, OrderKind, OrderState, Quote } from '../../shared/domain';
import { isWorking } from '../../shared/domain';
import { tradedSymbol } from '../../shared/symbols';
import type { z } from 'zod';
import {
  OrderSide,
  OrderStatus,
  OrderType,
  PositionType,
  UserHubAction,
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
import { readRow, repairTrade } from './rows';

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

/** The entity of a user-hub message and its `action` (null when it came bare, as the docs show it). */
export function unwrapUserPayload(payload: unknown): { action: number | null; data: unknown } {
  if (payload !== null && typeof payload === 'object' && 'action' in payload && 'data' in payload) {
    const { action, data } = payload as { action: unknown; data: unknown };
    if (data !== null && typeof data === 'object') return { action: typeof action === 'number' ? action : null, data };
  }
  return { action: null, data: payload };
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

/**
 * A position of size 0 (or type Undefined) is a close, however the gateway labels it; so is one the user hub
 * removes (`action` 2: live sends a close as a removal with type 0, size 0 and the last average price).
 */
export function toPositionEvent(wire: WirePosition, action: number | null = null): GatewayEvent {
  const size = action === UserHubAction.Remove ? 0 : (POSITION_DIRECTION[wire.type] ?? 0) * Math.abs(wire.size);
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

/**
 * The one fee rule, on every path a fill takes (stream, REST reconcile, the load at a restart): `fees` only.
 * The stream's trade also carries `commissions`, the same fill over Trade/search does not (PROJECTX.md §13), so
 * adding them booked different P&L for one fill depending on which copy came first, and a restart could never
 * see them. The broker's balance is the check: fee-check.ts compares it with what the fills booked.
 */
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
    fees: wire.fees,
    voided: wire.voided,
  };
}

/**
 * What is known of a contract's quote. GatewayQuote is a delta: live sends bid/ask-only quotes, a side can be
 * null, and `timestamp` can stay frozen at the session open while `lastUpdated` advances (PROJECTX.md §13).
 */
export interface KnownQuote {
  lastPrice: number | null;
  bestBid: number | null;
  bestAsk: number | null;
  timestamp: string | null;
}

/** Merges a quote delta into what is known: a field the delta lacks (or sends as null) keeps its last value. */
export function mergeQuote(previous: KnownQuote | undefined, wire: WireQuote): KnownQuote {
  return {
    lastPrice: wire.lastPrice ?? previous?.lastPrice ?? null,
    bestBid: wire.bestBid ?? previous?.bestBid ?? null,
    bestAsk: wire.bestAsk ?? previous?.bestAsk ?? null,
    timestamp: wire.lastUpdated ?? wire.timestamp ?? previous?.timestamp ?? null,
  };
}

/**
 * The quote the engine reads: the last traded price as the mark, or, until a trade price is known, the middle
 * of bid and ask (or the one side known). Null while nothing is priced.
 */
export function quoteOf(contractId: string, known: KnownQuote): Quote | null {
  const { lastPrice, bestBid, bestAsk } = known;
  const mark = lastPrice ?? (bestBid !== null && bestAsk !== null ? (bestBid + bestAsk) / 2 : (bestBid ?? bestAsk));
  if (mark === null) return null;
  return { contractId, lastPrice: mark, bestBid, bestAsk, timestamp: known.timestamp ?? new Date(0).toISOString() };
}

export type UserHubTarget = 'GatewayUserAccount' | 'GatewayUserPosition' | 'GatewayUserOrder' | 'GatewayUserTrade';

export class MalformedPayloadError extends Error {
  constructor(target: string, issues: z.core.$ZodIssue[]) {
    super(`${target}: malformed payload (${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')})`);
    this.name = 'MalformedPayloadError';
  }
}

function parseWith<T>(schema: z.ZodType<T>, target: string, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new MalformedPayloadError(target, parsed.error.issues);
  return parsed.data;
}

/** A user-hub message read. */
export interface UserMessage {
  event: GatewayEvent;
  /**
   * `action` 2 on an order whose status is not terminal: the order is treated as gone (the event carries it as
   * `unknown`, no longer working) and must be re-read over REST to learn what became of it (PROJECTX.md §13).
   */
  removedWorking: WireOrder | null;
  /** What was mended in the payload (the same repairs as a REST row's, rows.ts), for the log. */
  repaired: string[];
  /** A streamed trade's `commissions`: not booked (see toFill), only compared with the balance (fee-check.ts). */
  commissions: number | null;
}

export function readUserMessage(target: UserHubTarget, raw: unknown): UserMessage {
  const { action, data } = unwrapUserPayload(raw);
  const read = (event: GatewayEvent, repaired: string[] = [], commissions: number | null = null): UserMessage => ({
    event,
    removedWorking: null,
    repaired,
    commissions,
  });
  switch (target) {
    case 'GatewayUserAccount':
      return read({ type: 'account', account: toAccount(parseWith(WireAccountSchema, target, data)) });
    case 'GatewayUserPosition':
      return read(toPositionEvent(parseWith(WirePositionSchema, target, data), action));
    case 'GatewayUserOrder': {
      const wire = parseWith(WireOrderSchema, target, data);
      const order = toOrder(wire);
      if (action !== UserHubAction.Remove || !isWorking(order)) return read({ type: 'order', order });
      return { event: { type: 'order', order: { ...order, state: 'unknown' } }, removedWorking: wire, repaired: [], commissions: null };
    }
    case 'GatewayUserTrade': {
      const reading = readRow(WireTradeSchema, data, repairTrade);
      if (!reading.ok) return read({ type: 'fill', fill: toFill(parseWith(WireTradeSchema, target, data)) }); // throws, naming the fields
      return read({ type: 'fill', fill: toFill(reading.value) }, reading.repaired, reading.value.commissions ?? null);
    }
  }
}

export function normaliseUserEvent(target: UserHubTarget, raw: unknown): GatewayEvent {
  return readUserMessage(target, raw).event;
}

/**
 * GatewayTrade prints arrive as an array (live: with `null` padding and a `contractId` on each item) or as one
 * object (docs): the last price printed per contract, each item's own contract first, else the handler's.
 */
export function lastTradePrices(contractId: unknown, raw: unknown): Map<string, number> {
  const prices = new Map<string, number>();
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    if (item === null || typeof item !== 'object') continue;
    const { price, contractId: own } = item as { price?: unknown; contractId?: unknown };
    const contract = typeof own === 'string' ? own : contractId;
    if (typeof contract === 'string' && typeof price === 'number' && Number.isFinite(price)) prices.set(contract, price);
  }
  return prices;
}

const QUOTE_NUMBERS = ['lastPrice', 'bestBid', 'bestAsk'] as const;
const QUOTE_STRINGS = ['symbol', 'timestamp', 'lastUpdated'] as const;

/**
 * Quotes are the hottest message (thousands a second), so they are checked by hand rather than
 * through the zod schema. A `null` field is absent (live sends a side as null): the rest of the quote stands.
 */
export function parseQuote(raw: unknown): WireQuote {
  if (raw === null || typeof raw !== 'object')
    throw new MalformedPayloadError('GatewayQuote', [
      { code: 'invalid_type', expected: 'object', path: [], message: 'expected an object', input: raw },
    ]);
  const quote = raw as Record<string, unknown>;
  const parsed: WireQuote = {};
  for (const key of QUOTE_NUMBERS) {
    const value = quote[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new MalformedPayloadError('GatewayQuote', [
        { code: 'invalid_type', expected: 'number', path: [key], message: 'expected a number', input: value },
      ]);
    }
    parsed[key] = value;
  }
  for (const key of QUOTE_STRINGS) {
    const value = quote[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw new MalformedPayloadError('GatewayQuote', [
        { code: 'invalid_type', expected: 'string', path: [key], message: 'expected a string', input: value },
      ]);
    }
    parsed[key] = value;
  }
  return parsed;
}
