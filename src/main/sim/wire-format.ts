/**
 * The simulator's records as the gateway serialises them, in one of two wire formats:
 *
 * - `live` (the default): what the real TopstepX gateway sends (../shared/PROJECTX.md §13): user-hub
 *   entities wrapped `{action, data}`; quotes partial, with a `null` side, the undocumented `contract`
 *   field and a `timestamp` frozen at the session open while `lastUpdated` advances; trade prints as
 *   `null`-padded arrays with a `contractId` on each item; timestamps with 7 fractional digits on the
 *   stream, 6 over REST, 3 on quotes, all `+00:00`; `commissions` on the stream's trades only; an
 *   order's unset price keys absent, not null.
 * - `documented`: the shapes of the docs' examples, which the simulator spoke before: bare entities,
 *   full quotes, one print object, `…Z` timestamps, null price keys, no commissions.
 *
 * `RW_SIM_WIRE_FORMAT` picks the default of a simulator started without one (the whole suite can run in either).
 */
import { OrderSide, OrderStatus, PositionType, TradeLogType } from '../gateway/wire';
import type { SimContract } from './contracts';
import { commissionsOf, roundPrice } from './fill-math';
import type { SimOrder, SimPosition, SimTrade } from './records';

export const WIRE_FORMATS = ['live', 'documented'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

/** The default format: `RW_SIM_WIRE_FORMAT` when set (a typo is an error, not a silent default), else live. */
export function defaultWireFormat(env: NodeJS.ProcessEnv = process.env): WireFormat {
  const chosen = env.RW_SIM_WIRE_FORMAT;
  if (chosen === undefined || chosen === '') return 'live';
  if (!(WIRE_FORMATS as readonly string[]).includes(chosen))
    throw new Error(`RW_SIM_WIRE_FORMAT must be ${WIRE_FORMATS.join(' or ')}, got ${chosen}`);
  return chosen as WireFormat;
}

/**
 * An instant as the live gateway writes it: `2026-08-19T20:49:25.393Z` with 7 digits is
 * `2026-08-19T20:49:25.3934567+00:00`. The digits past the millisecond are made up (the simulator keeps
 * milliseconds) but there, so a parser that expects three fails here as it would live.
 */
export function liveTimestamp(iso: string, digits: 3 | 6 | 7): string {
  const at = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?Z$/.exec(iso);
  if (!at) return iso;
  const millis = (at[2] ?? '').padEnd(3, '0');
  return `${at[1]}.${(millis + '4567').slice(0, digits)}+00:00`;
}

export function wireContract(c: SimContract) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    tickSize: c.tickSize,
    tickValue: c.tickValue,
    activeContract: true,
    symbolId: c.symbolId,
  };
}

function positionType(size: number): number {
  if (size > 0) return PositionType.Long;
  return size < 0 ? PositionType.Short : PositionType.Undefined;
}

export function wirePosition(p: SimPosition) {
  return {
    id: p.id,
    accountId: p.accountId,
    contractId: p.contractId,
    creationTimestamp: p.creationTimestamp,
    type: positionType(p.size),
    size: Math.abs(p.size),
    averagePrice: p.averagePrice,
  };
}

/** The full quote at the last price, the bid one tick under. */
export function wireQuote(contract: SimContract, last: number, at: string): Record<string, unknown> {
  return {
    symbol: contract.symbolId,
    symbolName: `/${contract.name}`,
    lastPrice: last,
    bestBid: roundPrice(last - contract.tickSize),
    bestAsk: last,
    timestamp: at,
    lastUpdated: at,
  };
}

/** The market trade print of a fill, the order's side as the aggressor. */
export function wirePrint(contract: SimContract, order: SimOrder, price: number, at: string) {
  return {
    symbolId: contract.symbolId,
    price,
    timestamp: at,
    type: order.side === OrderSide.Bid ? TradeLogType.Buy : TradeLogType.Sell,
    volume: order.size,
  };
}

const ORDER_TIMES = ['creationTimestamp', 'updateTimestamp'] as const;
/** Keys the live gateway leaves out of an order when they are not set (PROJECTX.md §13). */
const ABSENT_WHEN_UNSET = ['limitPrice', 'stopPrice', 'filledPrice', 'trailPrice', 'parentOrderId', 'linkedOrderId'] as const;
const TERMINAL: ReadonlySet<number> = new Set([OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Expired, OrderStatus.Rejected]);

/** Whether an order is done with: the live user hub sends its last update as a removal (`action` 2). */
export function isTerminal(order: Pick<SimOrder, 'status'>): boolean {
  return TERMINAL.has(order.status);
}

/** The formats' differences for one channel: the user hub's stream or a REST answer. */
export class WireWriter {
  constructor(
    readonly format: WireFormat,
    /** When the session opened: a live quote's frozen `timestamp`. */
    private readonly sessionOpen: string,
  ) {}

  order(order: SimOrder, channel: 'stream' | 'rest'): Record<string, unknown> {
    if (this.format === 'documented') return { ...order };
    const wire: Record<string, unknown> = { ...order };
    for (const key of ABSENT_WHEN_UNSET) if (wire[key] === null || wire[key] === undefined) delete wire[key];
    for (const key of ORDER_TIMES) wire[key] = liveTimestamp(order[key], channel === 'stream' ? 7 : 6);
    return wire;
  }

  /** The stream's trade carries `commissions` live; Trade/search's never does. */
  trade(trade: SimTrade, channel: 'stream' | 'rest'): Record<string, unknown> {
    if (this.format === 'documented') return { ...trade };
    const wire: Record<string, unknown> = {
      ...trade,
      creationTimestamp: liveTimestamp(trade.creationTimestamp, channel === 'stream' ? 7 : 6),
    };
    if (channel === 'stream') wire.commissions = commissionsOf(trade.fees);
    return wire;
  }

  position(position: ReturnType<typeof wirePosition>, channel: 'stream' | 'rest'): Record<string, unknown> {
    if (this.format === 'documented') return { ...position };
    return { ...position, creationTimestamp: liveTimestamp(position.creationTimestamp, channel === 'stream' ? 7 : 6) };
  }

  /** The quote a new subscriber gets: whole (with `contract`, live). */
  fullQuote(contractId: string, quote: Record<string, unknown>): Record<string, unknown> {
    if (this.format === 'documented') return quote;
    return { ...quote, ...this.quoteTimes(quote), contract: contractId };
  }

  /**
   * A price change. Live, as deltas: the last price with the bid (the ask null), then bid/ask only (the bid
   * null), each with `contract`, the advancing `lastUpdated` and the frozen `timestamp`.
   */
  quoteChange(contractId: string, quote: Record<string, unknown>): Record<string, unknown>[] {
    if (this.format === 'documented') return [quote];
    const base = { symbol: quote.symbol, ...this.quoteTimes(quote), contract: contractId };
    return [
      { ...base, lastPrice: quote.lastPrice, bestBid: quote.bestBid, bestAsk: null },
      { ...base, bestBid: null, bestAsk: quote.bestAsk },
    ];
  }

  /** Live prints are arrays padded with null, each item naming its contract; documented, one object. */
  print(contractId: string, print: Record<string, unknown>): unknown {
    if (this.format === 'documented') return print;
    const timestamp = typeof print.timestamp === 'string' ? liveTimestamp(print.timestamp, 3) : print.timestamp;
    return [{ ...print, timestamp, contractId }, null];
  }

  private quoteTimes(quote: Record<string, unknown>): { timestamp: string; lastUpdated: unknown } {
    const updated = quote.lastUpdated;
    return {
      timestamp: liveTimestamp(this.sessionOpen, 3),
      lastUpdated: typeof updated === 'string' ? liveTimestamp(updated, 3) : updated,
    };
  }
}
