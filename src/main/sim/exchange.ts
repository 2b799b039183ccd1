/**
 * The simulator's exchange: contracts, last prices and working orders, with market, limit, stop,
 * trailing-stop and bracket matching; fills are booked in the ledger. Every change is published
 * as the wire payload the gateway would send.
 */
import { errorCode, OrderSide, OrderStatus, OrderType, type PlaceOrderRequest } from '../gateway/wire';
import { armedLeg, bracketLeg, isOcoSibling, type Bracket } from './brackets';
import { SIM_CONTRACTS, type SimContract } from './contracts';
import { FillDelivery, type FillDeliveryOptions } from './fill-delivery';
import { alignToTick } from './fill-math';
import { BadRequest } from './http-util';
import { Ledger } from './ledger';
import { matchPrice } from './matching';
import { isListedOpen, OrderBook } from './order-book';
import { placedOrder, SimRejection, type SimEvent, type SimOrder, type SimTrade } from './records';
import { followedStop, trailingStart } from './trailing-stop';
import { orderProblem } from './validation';
import { wirePosition, wirePrint, wireQuote } from './wire-format';

export { DEMO_ACCOUNTS } from './accounts';
export { SimRejection, type SimEvent } from './records';

/** The endpoints that close a position: each refusal is named in the calling endpoint's own enum. */
type PositionEndpoint = 'Position/closeContract' | 'Position/partialCloseContract';

export class Exchange {
  private readonly contracts = new Map<string, SimContract>(SIM_CONTRACTS.map((c) => [c.id, c]));
  private readonly ledger = new Ledger();
  private readonly book = new OrderBook();
  private prices = new Map<string, number>();
  private fillDelivery: FillDelivery;

  constructor(
    private readonly publish: (event: SimEvent) => void,
    private readonly now: () => number = Date.now,
    /** The order a fill's messages go out in after every reset (default: the simulator's own). */
    private readonly initialDelivery: FillDeliveryOptions = { order: 'simulator' },
  ) {
    this.fillDelivery = new FillDelivery(initialDelivery);
    this.reset();
  }

  reset(): void {
    this.ledger.reset();
    this.prices = new Map(SIM_CONTRACTS.map((c) => [c.id, c.startPrice]));
    this.book.clear();
    this.fillDelivery = new FillDelivery(this.initialDelivery);
  }

  /** From now on a fill's messages go out in this order (a fault: /sim/faults {"fillDelivery": …}); reset restores the initial one. */
  deliverFills(options: FillDeliveryOptions): void {
    this.fillDelivery = new FillDelivery(options);
  }

  get fillDeliveryOptions(): FillDeliveryOptions {
    return this.fillDelivery.options;
  }

  contractList(): readonly SimContract[] {
    return [...this.contracts.values()];
  }

  contract(id: string): SimContract | undefined {
    return this.contracts.get(id);
  }

  accountList() {
    return this.ledger.accountList();
  }

  hasAccount(id: number): boolean {
    return this.ledger.hasAccount(id);
  }

  price(contractId: string): number | undefined {
    return this.prices.get(contractId);
  }

  openPositions(accountId: number) {
    return this.ledger.positionList(accountId).map(wirePosition);
  }

  ordersOf(accountId: number, since?: number): SimOrder[] {
    return this.book.ordersOf(accountId, since);
  }

  openOrders(accountId: number): SimOrder[] {
    return this.book.listedOpen(accountId);
  }

  tradesOf(accountId: number, since: number): SimTrade[] {
    return this.ledger.tradesOf(accountId, since);
  }

  state() {
    return {
      accounts: this.accountList(),
      prices: Object.fromEntries(this.prices),
      positions: this.ledger.positionList().map(wirePosition),
      openOrders: this.book.listedOpen(),
      trades: this.ledger.tradeList(),
    };
  }

  /** A control call (/sim/account): an unknown account is a bad request, not a gateway errorCode. */
  setCanTrade(accountId: number, canTrade: boolean): void {
    const account = this.ledger.account(accountId);
    if (!account) throw new BadRequest(`Account ${accountId} not found`);
    account.canTrade = canTrade;
    this.publish({ topic: 'account', accountId, payload: { ...account } });
  }

  /**
   * Order/place. The Position endpoints close through it too, after checking the account and contract themselves, so
   * only its OrderRejected can reach them: 2, which they read as PositionNotFound (their own OrderRejected is 5 or 6).
   */
  placeOrder(input: PlaceOrderRequest): number {
    const account = this.ledger.requireAccount(input.accountId, errorCode('Order/place', 'AccountNotFound'));
    const contract = this.contracts.get(input.contractId);
    if (!contract) throw new SimRejection(errorCode('Order/place', 'ContractNotFound'), `Contract ${input.contractId} not found`);
    const order = placedOrder(this.book.nextId(), input, contract, this.timestamp());
    const problem = orderProblem(order, account, input);
    this.book.add(order);
    if (problem) {
      // Like the live gateway: a rejected order is still created, and its id returned.
      this.update(order, { status: OrderStatus.Rejected });
      throw new SimRejection(errorCode('Order/place', 'OrderRejected'), problem, order.id);
    }
    if (order.type === OrderType.TrailingStop)
      Object.assign(order, trailingStart(order.side, this.prices.get(contract.id)!, input.trailPrice!, contract.tickSize));
    const stopLoss = input.stopLossBracket ? this.addLeg(order, input.stopLossBracket, '-SL') : null;
    this.publishOrder(order);
    const takeProfit = input.takeProfitBracket ? this.addLeg(order, input.takeProfitBracket, '-TP') : null;
    if (stopLoss && takeProfit) this.update(takeProfit, { linkedOrderId: stopLoss.id });
    if (order.type === OrderType.Market) this.fill(order, this.prices.get(contract.id)!);
    else {
      this.update(order, { status: OrderStatus.Open });
      this.trigger(order);
    }
    return order.id;
  }

  /** Order/searchById has no AccountNotFound: an unknown account is its OrderNotFound (1), like an unknown order. */
  orderById(accountId: number, orderId: number): SimOrder {
    const notFound = errorCode('Order/searchById', 'OrderNotFound');
    this.ledger.requireAccount(accountId, notFound);
    return this.book.owned(accountId, orderId, notFound);
  }

  cancelOrder(accountId: number, orderId: number): void {
    const order = this.ownOrder(accountId, orderId, 'Order/cancel');
    const rejected = errorCode('Order/cancel', 'Rejected');
    if (order.status === OrderStatus.Filled) throw new SimRejection(rejected, 'Cannot cancel order: already filled');
    if (!isListedOpen(order)) throw new SimRejection(rejected, `Order ${orderId} is not working`);
    this.update(order, { status: OrderStatus.Cancelled });
  }

  /** Changes a working order's size or prices; a stop moved through the market triggers. */
  modifyOrder(accountId: number, orderId: number, change: { size?: number; limitPrice?: number; stopPrice?: number }): void {
    const order = this.ownOrder(accountId, orderId, 'Order/modify');
    const rejected = errorCode('Order/modify', 'Rejected');
    if (order.status !== OrderStatus.Open) throw new SimRejection(rejected, `Order ${orderId} is not working`);
    if (change.size !== undefined && (!Number.isInteger(change.size) || change.size < 1))
      throw new SimRejection(rejected, `Invalid order size (${change.size})`);
    this.update(order, {
      ...(change.size !== undefined ? { size: change.size } : {}),
      ...(change.limitPrice !== undefined ? { limitPrice: change.limitPrice } : {}),
      ...(change.stopPrice !== undefined ? { stopPrice: change.stopPrice } : {}),
    });
    this.trigger(order);
  }

  /** Closes the whole position at market. Like the live gateway it leaves other working orders alone. */
  closeContract(accountId: number, contractId: string): void {
    const size = this.heldSize(accountId, contractId, 'Position/closeContract');
    this.closeAtMarket(accountId, contractId, size, Math.abs(size));
  }

  /** Closes part of the position at market (InvalidCloseSize past its size). */
  partialCloseContract(accountId: number, contractId: string, size: number): void {
    const held = this.heldSize(accountId, contractId, 'Position/partialCloseContract');
    if (!Number.isInteger(size) || size < 1 || size > Math.abs(held))
      throw new SimRejection(
        errorCode('Position/partialCloseContract', 'InvalidCloseSize'),
        `Invalid close size ${size} for a position of ${Math.abs(held)}`,
      );
    this.closeAtMarket(accountId, contractId, held, size);
  }

  /** Sets the last price: a quote goes out and resting limits and stops trigger. A control call (/sim/price), not an endpoint. */
  setPrice(contractId: string, price: number): void {
    const contract = this.contracts.get(contractId);
    if (!contract) throw new BadRequest(`Contract ${contractId} not found`);
    if (!Number.isFinite(price) || price <= 0) throw new BadRequest(`Invalid price ${price}`);
    this.prices.set(contractId, alignToTick(price, contract.tickSize));
    this.publish({ topic: 'quote', contractId, payload: this.quote(contractId)! });
    for (const order of this.book.all()) {
      if (order.contractId === contractId && order.status === OrderStatus.Open) this.trigger(order);
    }
  }

  /** The full quote of a contract at its last price. */
  quote(contractId: string): Record<string, unknown> | null {
    const contract = this.contracts.get(contractId);
    const last = this.prices.get(contractId);
    if (!contract || last === undefined) return null;
    return wireQuote(contract, last, this.timestamp());
  }

  private ownOrder(accountId: number, orderId: number, endpoint: 'Order/cancel' | 'Order/modify'): SimOrder {
    this.ledger.requireAccount(accountId, errorCode(endpoint, 'AccountNotFound'));
    return this.book.owned(accountId, orderId, errorCode(endpoint, 'OrderNotFound'));
  }

  /** The signed size held. */
  private heldSize(accountId: number, contractId: string, endpoint: PositionEndpoint): number {
    this.ledger.requireAccount(accountId, errorCode(endpoint, 'AccountNotFound'));
    if (!this.contracts.has(contractId))
      throw new SimRejection(errorCode(endpoint, 'ContractNotFound'), `Contract ${contractId} not found`);
    const position = this.ledger.position(accountId, contractId);
    if (!position) throw new SimRejection(errorCode(endpoint, 'PositionNotFound'), `No open position in ${contractId}`);
    return position.size;
  }

  private closeAtMarket(accountId: number, contractId: string, held: number, size: number): void {
    this.placeOrder({ accountId, contractId, type: OrderType.Market, side: held > 0 ? OrderSide.Ask : OrderSide.Bid, size });
  }

  private addLeg(parent: SimOrder, bracket: Bracket, suffix: string): SimOrder {
    const leg = bracketLeg(parent, this.book.nextId(), bracket.type, suffix);
    this.book.addLeg(leg, bracket);
    this.publishOrder(leg);
    return leg;
  }

  /** The entry filled: its legs become working orders at prices measured from the fill. */
  private armLegs(parent: SimOrder, fillPrice: number): void {
    const tickSize = this.contracts.get(parent.contractId)!.tickSize;
    const legs = this.book.all().filter((o) => o.parentOrderId === parent.id);
    for (const leg of legs)
      if (leg.status === OrderStatus.Suspended) this.update(leg, armedLeg(leg, this.book.bracketOf(leg).ticks, fillPrice, tickSize));
    for (const leg of legs) if (leg.status === OrderStatus.Open) this.trigger(leg);
  }

  private trigger(order: SimOrder): void {
    const last = this.prices.get(order.contractId)!;
    if (order.type === OrderType.TrailingStop) {
      const stopPrice = followedStop(order, last);
      if (stopPrice !== null) this.update(order, { stopPrice });
    }
    const price = matchPrice(order, last);
    if (price !== null) this.fill(order, price);
  }

  private fill(order: SimOrder, price: number): void {
    const contract = this.contracts.get(order.contractId)!;
    const at = this.timestamp();
    const { trade, position, account } = this.ledger.book(order, contract, price, at);
    const orders = [this.changed(order, { status: OrderStatus.Filled, fillVolume: order.size, filledPrice: price })];
    for (const other of this.book.all())
      if (isOcoSibling(order, other)) orders.push(this.changed(other, { status: OrderStatus.Cancelled }));
    const messages = this.fillDelivery.sequence({
      orders,
      print: { topic: 'print', contractId: order.contractId, payload: wirePrint(contract, order, price, at) },
      trade: { topic: 'trade', accountId: order.accountId, payload: trade },
      position: { topic: 'position', accountId: order.accountId, payload: wirePosition(position) },
      account: { topic: 'account', accountId: account.id, payload: { ...account } },
    });
    for (const message of messages) this.publish(message);
    this.armLegs(order, price);
  }

  private update(order: SimOrder, change: Partial<SimOrder>): void {
    this.publish(this.changed(order, change));
  }

  /** Applies the change and returns the order's update message, to publish now or with the rest of a fill. */
  private changed(order: SimOrder, change: Partial<SimOrder>): SimEvent {
    Object.assign(order, change, { updateTimestamp: this.timestamp() });
    return this.orderMessage(order);
  }

  private publishOrder(order: SimOrder): void {
    this.publish(this.orderMessage(order));
  }

  private orderMessage(order: SimOrder): SimEvent {
    return { topic: 'order', accountId: order.accountId, payload: { ...order } };
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
