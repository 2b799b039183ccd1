/**
 * The simulator's book: accounts, last prices, positions, orders and trades, with market, limit
 * and stop matching. Fills carry profitAndLoss (null when opening) and fees; the account balance
 * moves by both. Every change is published as the wire payload the gateway would send.
 */
import type { PlaceOrderRequest } from '../gateway/wire';
import { SIM_CONTRACTS, type SimContract } from './contracts';

export const OrderType = { Limit: 1, Market: 2, Stop: 4, TrailingStop: 5 } as const;
export const OrderStatus = { Open: 1, Filled: 2, Cancelled: 3, Rejected: 5, Pending: 6, Suspended: 8 } as const;
const MIN_BRACKET_TICKS = 4;
export const Side = { Buy: 0, Sell: 1 } as const;

export interface SimAccount {
  id: number;
  name: string;
  balance: number;
  canTrade: boolean;
  isVisible: boolean;
  simulated: boolean;
}

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

interface Bracket {
  ticks: number;
  type: number;
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

/** Signed size inside; the wire gets type (1 long, 2 short) and an unsigned size. */
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
  | { topic: 'print'; contractId: string; payload: { symbolId: string; price: number; timestamp: string; type: number; volume: number } };

/** A refusal with the endpoint's own errorCode and the gateway's message. */
export class SimRejection extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly orderId: number | null = null,
  ) {
    super(message);
  }
}

export function wirePosition(p: SimPosition) {
  return {
    id: p.id,
    accountId: p.accountId,
    contractId: p.contractId,
    creationTimestamp: p.creationTimestamp,
    type: p.size > 0 ? 1 : p.size < 0 ? 2 : 0,
    size: Math.abs(p.size),
    averagePrice: p.averagePrice,
  };
}

export const DEMO_ACCOUNTS: readonly SimAccount[] = [
  { id: 7001, name: 'PRAC-V2-RW-DEMO-50K', balance: 50_000, canTrade: true, isVisible: true, simulated: true },
];

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export class Exchange {
  private readonly contracts = new Map<string, SimContract>(SIM_CONTRACTS.map((c) => [c.id, c]));
  private accounts = new Map<number, SimAccount>();
  private prices = new Map<string, number>();
  private positions = new Map<string, SimPosition>();
  private orders = new Map<number, SimOrder>();
  private trades: SimTrade[] = [];
  private nextOrderId = 2_600_000_001;
  private nextTradeId = 3_100_000_001;
  private nextPositionId = 510_000_001;
  private readonly brackets = new Map<number, Bracket>();

  constructor(
    private readonly publish: (event: SimEvent) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.reset();
  }

  reset(): void {
    this.accounts = new Map(DEMO_ACCOUNTS.map((a) => [a.id, { ...a }]));
    this.prices = new Map(SIM_CONTRACTS.map((c) => [c.id, c.startPrice]));
    this.positions.clear();
    this.orders.clear();
    this.trades = [];
  }

  contractList(): readonly SimContract[] {
    return [...this.contracts.values()];
  }

  contract(id: string): SimContract | undefined {
    return this.contracts.get(id);
  }

  accountList(): SimAccount[] {
    return [...this.accounts.values()];
  }

  hasAccount(id: number): boolean {
    return this.accounts.has(id);
  }

  price(contractId: string): number | undefined {
    return this.prices.get(contractId);
  }

  openPositions(accountId: number) {
    return [...this.positions.values()].filter((p) => p.accountId === accountId && p.size !== 0).map(wirePosition);
  }

  ordersOf(accountId: number, since?: number): SimOrder[] {
    return [...this.orders.values()].filter(
      (o) => o.accountId === accountId && (since === undefined || Date.parse(o.creationTimestamp) >= since),
    );
  }

  openOrders(accountId: number): SimOrder[] {
    return this.ordersOf(accountId).filter((o) => o.status === OrderStatus.Open || o.status === OrderStatus.Pending);
  }

  tradesOf(accountId: number, since: number): SimTrade[] {
    return this.trades.filter((t) => t.accountId === accountId && Date.parse(t.creationTimestamp) >= since);
  }

  state() {
    return {
      accounts: this.accountList(),
      prices: Object.fromEntries(this.prices),
      positions: [...this.positions.values()].filter((p) => p.size !== 0).map(wirePosition),
      openOrders: [...this.orders.values()].filter((o) => o.status === OrderStatus.Open || o.status === OrderStatus.Pending),
      trades: this.trades,
    };
  }

  setCanTrade(accountId: number, canTrade: boolean): void {
    const account = this.requireAccount(accountId);
    account.canTrade = canTrade;
    this.publish({ topic: 'account', accountId, payload: { ...account } });
  }

  placeOrder(input: PlaceOrderRequest): number {
    const account = this.requireAccount(input.accountId);
    const contract = this.contracts.get(input.contractId);
    if (!contract) throw new SimRejection(8, `Contract ${input.contractId} not found`);
    const at = new Date(this.now()).toISOString();
    const order: SimOrder = {
      id: this.nextOrderId++,
      accountId: account.id,
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
    const problem = this.validate(order, account, input);
    this.orders.set(order.id, order);
    if (problem) {
      // Like the live gateway: a rejected order is still created, and its id returned.
      this.update(order, { status: OrderStatus.Rejected });
      throw new SimRejection(2, problem, order.id);
    }
    if (order.type === OrderType.TrailingStop) {
      const last = this.prices.get(contract.id)!;
      order.trailDistance = round(
        Math.max(contract.tickSize, Math.round(Math.abs(last - input.trailPrice!) / contract.tickSize) * contract.tickSize),
        9,
      );
      order.stopPrice = round(order.side === Side.Sell ? last - order.trailDistance : last + order.trailDistance, 9);
    }
    const stopLoss = input.stopLossBracket ? this.child(order, input.stopLossBracket, '-SL') : null;
    this.publishOrder(order);
    const takeProfit = input.takeProfitBracket ? this.child(order, input.takeProfitBracket, '-TP') : null;
    if (stopLoss && takeProfit) this.update(takeProfit, { linkedOrderId: stopLoss.id });
    if (order.type === OrderType.Market) this.fill(order, this.prices.get(contract.id)!);
    else {
      this.update(order, { status: OrderStatus.Open });
      this.trigger(order);
    }
    return order.id;
  }

  orderById(accountId: number, orderId: number): SimOrder {
    this.requireAccount(accountId);
    const order = this.orders.get(orderId);
    if (!order || order.accountId !== accountId) throw new SimRejection(1, `Order ${orderId} not found`);
    return order;
  }

  /** A bracket leg: suspended (status 8), no price, until its entry fills. */
  private child(parent: SimOrder, bracket: Bracket, suffix: string): SimOrder {
    const child: SimOrder = {
      ...parent,
      id: this.nextOrderId++,
      type: bracket.type,
      side: parent.side === Side.Buy ? Side.Sell : Side.Buy,
      status: OrderStatus.Suspended,
      limitPrice: null,
      stopPrice: null,
      customTag: `${parent.customTag ?? parent.id}${suffix}`,
      parentOrderId: parent.id,
      linkedOrderId: null,
    };
    this.brackets.set(child.id, bracket);
    this.orders.set(child.id, child);
    this.publishOrder(child);
    return child;
  }

  /** The entry filled: its legs become working orders at prices measured from the fill. */
  private activateChildren(parent: SimOrder, fillPrice: number): void {
    const tick = this.contracts.get(parent.contractId)!.tickSize;
    for (const child of this.orders.values()) {
      if (child.parentOrderId !== parent.id || child.status !== OrderStatus.Suspended) continue;
      const price = round(fillPrice + this.brackets.get(child.id)!.ticks * tick, 9);
      this.update(child, { status: OrderStatus.Open, ...(child.type === OrderType.Limit ? { limitPrice: price } : { stopPrice: price }) });
    }
    for (const child of [...this.orders.values()])
      if (child.parentOrderId === parent.id && child.status === OrderStatus.Open) this.trigger(child);
  }

  /** OCO: one leg filled, its sibling is cancelled. */
  private cancelSiblings(filled: SimOrder): void {
    if (filled.parentOrderId === null) return;
    for (const other of this.orders.values()) {
      if (
        other.id !== filled.id &&
        other.parentOrderId === filled.parentOrderId &&
        (other.status === OrderStatus.Open || other.status === OrderStatus.Suspended)
      ) {
        this.update(other, { status: OrderStatus.Cancelled });
      }
    }
  }

  cancelOrder(accountId: number, orderId: number): void {
    this.requireAccount(accountId);
    const order = this.orders.get(orderId);
    if (!order || order.accountId !== accountId) throw new SimRejection(2, `Order ${orderId} not found`);
    if (order.status === OrderStatus.Filled) throw new SimRejection(3, 'Cannot cancel order: already filled');
    if (order.status !== OrderStatus.Open && order.status !== OrderStatus.Pending)
      throw new SimRejection(3, `Order ${orderId} is not working`);
    this.update(order, { status: OrderStatus.Cancelled });
  }

  /** Closes part of the position at market (errorCode 5 InvalidCloseSize past its size). */
  partialCloseContract(accountId: number, contractId: string, size: number): void {
    this.requireAccount(accountId);
    if (!this.contracts.has(contractId)) throw new SimRejection(3, `Contract ${contractId} not found`);
    const position = this.positions.get(`${accountId}:${contractId}`);
    if (!position || position.size === 0) throw new SimRejection(2, `No open position in ${contractId}`);
    if (!Number.isInteger(size) || size < 1 || size > Math.abs(position.size))
      throw new SimRejection(5, `Invalid close size ${size} for a position of ${Math.abs(position.size)}`);
    this.placeOrder({ accountId, contractId, type: OrderType.Market, side: position.size > 0 ? Side.Sell : Side.Buy, size });
  }

  /** Changes a working order's size or prices; a stop moved through the market triggers. */
  modifyOrder(accountId: number, orderId: number, change: { size?: number; limitPrice?: number; stopPrice?: number }): void {
    this.requireAccount(accountId);
    const order = this.orders.get(orderId);
    if (!order || order.accountId !== accountId) throw new SimRejection(2, `Order ${orderId} not found`);
    if (order.status !== OrderStatus.Open) throw new SimRejection(3, `Order ${orderId} is not working`);
    if (change.size !== undefined && (!Number.isInteger(change.size) || change.size < 1))
      throw new SimRejection(3, `Invalid order size (${change.size})`);
    this.update(order, {
      ...(change.size !== undefined ? { size: change.size } : {}),
      ...(change.limitPrice !== undefined ? { limitPrice: change.limitPrice } : {}),
      ...(change.stopPrice !== undefined ? { stopPrice: change.stopPrice } : {}),
    });
    this.trigger(order);
  }

  /** Closes the whole position at market. Like the live gateway it leaves other working orders alone. */
  closeContract(accountId: number, contractId: string): void {
    this.requireAccount(accountId);
    if (!this.contracts.has(contractId)) throw new SimRejection(3, `Contract ${contractId} not found`);
    const position = this.positions.get(`${accountId}:${contractId}`);
    if (!position || position.size === 0) throw new SimRejection(2, `No open position in ${contractId}`);
    this.placeOrder({
      accountId,
      contractId,
      type: OrderType.Market,
      side: position.size > 0 ? Side.Sell : Side.Buy,
      size: Math.abs(position.size),
    });
  }

  /** Sets the last price: a quote goes out and resting limits and stops trigger. */
  setPrice(contractId: string, price: number): void {
    const contract = this.contracts.get(contractId);
    if (!contract) throw new SimRejection(1, `Contract ${contractId} not found`);
    if (!Number.isFinite(price) || price <= 0) throw new SimRejection(2, `Invalid price ${price}`);
    const aligned = round(Math.round(price / contract.tickSize) * contract.tickSize, 9);
    this.prices.set(contractId, aligned);
    this.publish({ topic: 'quote', contractId, payload: this.quote(contractId)! });
    for (const order of [...this.orders.values()]) {
      if (order.contractId === contractId && order.status === OrderStatus.Open) this.trigger(order);
    }
  }

  /** The full quote of a contract at its last price (bid one tick under). */
  quote(contractId: string): Record<string, unknown> | null {
    const contract = this.contracts.get(contractId);
    const last = this.prices.get(contractId);
    if (!contract || last === undefined) return null;
    const at = new Date(this.now()).toISOString();
    return {
      symbol: contract.symbolId,
      symbolName: `/${contract.name}`,
      lastPrice: last,
      bestBid: round(last - contract.tickSize, 9),
      bestAsk: last,
      timestamp: at,
      lastUpdated: at,
    };
  }

  private validate(order: SimOrder, account: SimAccount, input: PlaceOrderRequest): string | null {
    if (!account.canTrade) return 'Account is not allowed to trade';
    if (!Number.isInteger(order.size) || order.size < 1) return `Invalid order size (${order.size})`;
    if (order.side !== Side.Buy && order.side !== Side.Sell) return `Invalid side (${order.side})`;
    if (order.type === OrderType.Limit && order.limitPrice == null) return 'Limit price is required for a limit order';
    if (order.type === OrderType.Stop && order.stopPrice == null) return 'Stop price is required for a stop order';
    if (order.type === OrderType.TrailingStop && input.trailPrice == null) return 'Trail Distance not set.';
    if (![OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.TrailingStop].includes(order.type as 1))
      return `Order type ${order.type} is not supported`;
    const long = order.side === Side.Buy;
    for (const [name, bracket, sign] of [
      ['stop loss', input.stopLossBracket, long ? -1 : 1],
      ['take profit', input.takeProfitBracket, long ? 1 : -1],
    ] as const) {
      if (!bracket) continue;
      if (Math.sign(bracket.ticks) !== sign)
        return `Invalid ${name} ticks (${bracket.ticks}). Ticks should be ${sign < 0 ? 'less' : 'greater'} than zero when ${long ? 'longing' : 'shorting'}.`;
      if (Math.abs(bracket.ticks) < MIN_BRACKET_TICKS)
        return `Invalid ${name} ticks (${bracket.ticks}). Price should be at least ${MIN_BRACKET_TICKS} ticks away.`;
    }
    return null;
  }

  private trigger(order: SimOrder): void {
    const last = this.prices.get(order.contractId)!;
    const buy = order.side === Side.Buy;
    if (order.type === OrderType.Limit) {
      const limit = order.limitPrice!;
      if (buy ? last <= limit : last >= limit) this.fill(order, buy ? Math.min(last, limit) : Math.max(last, limit));
    } else if (order.type === OrderType.Stop || order.type === OrderType.TrailingStop) {
      if (order.type === OrderType.TrailingStop) {
        // The stop follows the price by its distance, never back.
        const follow = round(buy ? last + order.trailDistance! : last - order.trailDistance!, 9);
        if (buy ? follow < order.stopPrice! : follow > order.stopPrice!) this.update(order, { stopPrice: follow });
      }
      const stop = order.stopPrice!;
      if (buy ? last >= stop : last <= stop) this.fill(order, last);
    }
  }

  private fill(order: SimOrder, price: number): void {
    const contract = this.contracts.get(order.contractId)!;
    const account = this.accounts.get(order.accountId)!;
    const at = new Date(this.now()).toISOString();
    const key = `${order.accountId}:${order.contractId}`;
    const signed = order.side === Side.Buy ? order.size : -order.size;
    const position = this.positions.get(key) ?? {
      id: this.nextPositionId++,
      accountId: order.accountId,
      contractId: order.contractId,
      creationTimestamp: at,
      size: 0,
      averagePrice: 0,
    };
    let profitAndLoss: number | null = null;
    if (position.size === 0 || Math.sign(position.size) === Math.sign(signed)) {
      const total = Math.abs(position.size) + Math.abs(signed);
      position.averagePrice = round((Math.abs(position.size) * position.averagePrice + Math.abs(signed) * price) / total, 9);
      if (position.size === 0) position.creationTimestamp = at;
    } else {
      // Exact, not whole ticks: after a scale-in the average is off the tick grid (6000.666…).
      const closing = Math.min(Math.abs(signed), Math.abs(position.size));
      profitAndLoss = round(
        (Math.sign(position.size) * closing * (price - position.averagePrice) * contract.tickValue) / contract.tickSize,
        2,
      );
      if (Math.abs(signed) > Math.abs(position.size)) {
        position.averagePrice = price;
        position.creationTimestamp = at;
      }
    }
    position.size += signed;
    this.positions.set(key, position);
    const fees = round(contract.feePerSide * order.size, 2);
    account.balance = round(account.balance + (profitAndLoss ?? 0) - fees, 2);

    const trade: SimTrade = {
      id: this.nextTradeId++,
      accountId: order.accountId,
      contractId: order.contractId,
      creationTimestamp: at,
      price,
      profitAndLoss,
      fees,
      side: order.side,
      size: order.size,
      voided: false,
      orderId: order.id,
    };
    this.trades.push(trade);
    this.update(order, { status: OrderStatus.Filled, fillVolume: order.size, filledPrice: price });
    this.cancelSiblings(order);
    this.publish({
      topic: 'print',
      contractId: order.contractId,
      payload: { symbolId: contract.symbolId, price, timestamp: at, type: order.side, volume: order.size },
    });
    this.publish({ topic: 'trade', accountId: order.accountId, payload: trade });
    this.publish({ topic: 'position', accountId: order.accountId, payload: wirePosition(position) });
    if (position.size === 0) this.positions.delete(key);
    this.publish({ topic: 'account', accountId: account.id, payload: { ...account } });
    this.activateChildren(order, price);
  }

  private update(order: SimOrder, change: Partial<SimOrder>): void {
    Object.assign(order, change, { updateTimestamp: new Date(this.now()).toISOString() });
    this.publishOrder(order);
  }

  private publishOrder(order: SimOrder): void {
    this.publish({ topic: 'order', accountId: order.accountId, payload: { ...order } });
  }

  private requireAccount(accountId: number): SimAccount {
    const account = this.accounts.get(accountId);
    if (!account) throw new SimRejection(1, `Account ${accountId} not found`);
    return account;
  }
}
