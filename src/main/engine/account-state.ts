/**
 * One account as Risk Warden sees it: signed positions consistent with the fills counted (see
 * position-book.ts), working orders, today's fills (each applied exactly once, keyed by trade id),
 * realized P&L net of fees, the trade count and unrealized P&L from the market book.
 */
import type { Account, ContractId, Fill, GatewayEvent, Order, Position } from '../../shared/domain';
import { coversPosition, isWorking } from '../../shared/domain';
import { BehaviourMemory } from './behaviour-memory';
import { DayHigh } from './day-high';
import type { MarketBook } from './market-book';
import { opensOrAdds } from './opening-fill';
import { unrealizedPnl } from './pnl';
import { PositionBook } from './position-book';
import { NO_WEEK_BEFORE, type WeekBefore } from './week-totals';

/** How long the messages of one fill may disagree before the broker's word is taken (they arrive within milliseconds). */
export const FILL_SETTLE_MS = 2000;

/** What the gateway says over REST at a point in time: replaces positions and orders, adds missing fills. */
export interface AccountSync {
  accountId: number;
  /** Balance and canTrade as the gateway has them now (updates sent during a gap are lost). */
  account?: Account;
  positions: Position[];
  orders: Order[];
  fills: Fill[];
}

export class AccountState {
  private readonly book: PositionBook;
  private readonly ordersById = new Map<number, Order>();
  private readonly fillsById = new Map<number, Fill>();
  /** Contracts filled per order so far, and orders reported filled whose fills have not all arrived (with when a tick first saw them). */
  private readonly filledByOrder = new Map<number, number>();
  private readonly awaitingFills = new Map<number, { contractId: ContractId; size: number; since: number | null }>();
  /** Orders counted as trades: by their first opening fill. */
  private readonly trades = new OrdersByFirstFill();
  /** Orders counted as executions the way TopstepX counts them (every entry and every exit): by their first fill. */
  private readonly executions = new OrdersByFirstFill();
  /** When each open position last lost (or never had) a working stop. */
  private readonly unprotectedSince = new Map<ContractId, number>();
  /** Handed to rules, rebuilt only when orders change (rules run on every quote). */
  private orderList: Order[] | null = null;
  private grossRealized = 0;
  private feesPaid = 0;
  private worstClose = 0;
  /** New orders, moved stops, losing closes and today's offences, for the behaviour rules (see behaviour-memory.ts). */
  readonly behaviour = new BehaviourMemory();
  /** The day's P&L high, followed by the pipeline on every evaluation (see day-high.ts). */
  readonly dayHigh = new DayHigh();
  /** The trading week's earlier days, set by the pipeline when it loads and at each daily reset (see week-totals.ts). */
  weekBefore: WeekBefore = NO_WEEK_BEFORE;
  /** Marks quoted before this (epoch ms, service clock) predate the gap the last REST sync bridged; set by the pipeline. */
  marksValidFrom = -Infinity;

  constructor(
    public account: Account,
    readonly market: MarketBook,
    private readonly settleMs = FILL_SETTLE_MS,
  ) {
    this.book = new PositionBook(settleMs);
  }

  get id(): number {
    return this.account.id;
  }

  /** Applies an event of this account; returns the fill when it is new, so callers can persist it. */
  apply(event: GatewayEvent): Fill | null {
    switch (event.type) {
      case 'account':
        this.account = event.account;
        return null;
      case 'position':
        this.book.report(event.position.contractId, event.position);
        return null;
      case 'positionClosed':
        this.book.report(event.contractId, null);
        return null;
      case 'order':
        this.applyOrder(event.order);
        return null;
      case 'fill':
        return this.addFill(event.fill) ? event.fill : null;
      case 'quote':
        return null;
    }
  }

  /** Returns the fills that were not known before. */
  reconcile(sync: AccountSync): Fill[] {
    if (sync.account) this.account = sync.account;
    this.ordersById.clear();
    for (const order of sync.orders) if (isWorking(order)) this.ordersById.set(order.id, order);
    this.behaviour.reconcile(sync.orders);
    this.orderList = null;
    this.awaitingFills.clear();
    const added = sync.fills.filter((fill) => this.addFill(fill));
    this.book.reset(sync.positions);
    return added;
  }

  /**
   * Whether the position on this contract is the broker's and the fills' alike, with no fill of it
   * on its way: automation acts only then (a stop placed for a position its own fill already
   * closed would open a new one).
   */
  settled(contractId: ContractId): boolean {
    if (!this.book.settled(contractId)) return false;
    for (const awaiting of this.awaitingFills.values()) if (awaiting.contractId === contractId) return false;
    return true;
  }

  /** Ends disagreements between fills and broker older than the settle time; returns the contracts settled so. */
  settleOverdue(now: number): ContractId[] {
    const settled = this.book.settleOverdue(now);
    for (const [orderId, awaiting] of this.awaitingFills) {
      awaiting.since ??= now;
      if (now - awaiting.since < this.settleMs) continue;
      this.awaitingFills.delete(orderId);
      settled.push(awaiting.contractId);
    }
    return settled;
  }

  startNewDay(): void {
    this.fillsById.clear();
    this.filledByOrder.clear();
    this.trades.clear();
    this.executions.clear();
    this.grossRealized = 0;
    this.feesPaid = 0;
    this.worstClose = 0;
    this.dayHigh.reset();
    this.behaviour.startNewDay();
  }

  /**
   * Starts or stops each position's grace clock: a position is protected by a working stop
   * (stop, trailing stop or stop-limit; open or a suspended bracket child) on the opposite side.
   */
  updateProtection(now: number): boolean {
    let changed = false;
    for (const contractId of this.unprotectedSince.keys()) {
      if (!this.book.position(contractId)) changed = this.unprotectedSince.delete(contractId) || changed;
    }
    for (const position of this.book.positions()) {
      if (this.stopFor(position)) changed = this.unprotectedSince.delete(position.contractId) || changed;
      else if (!this.unprotectedSince.has(position.contractId)) {
        this.unprotectedSince.set(position.contractId, now);
        changed = true;
      }
    }
    return changed;
  }

  /** The grace clocks, to persist them: a restart must not grant a fresh grace period. */
  protectionClocks(): Record<ContractId, number> {
    return Object.fromEntries(this.unprotectedSince);
  }

  restoreProtectionClocks(clocks: Record<ContractId, number>): void {
    for (const [contractId, since] of Object.entries(clocks)) this.unprotectedSince.set(contractId, since);
  }

  unprotectedSinceOf(contractId: ContractId): number | null {
    return this.unprotectedSince.get(contractId) ?? null;
  }

  /** The working stop order that covers a position, if any. */
  stopFor(position: Position): Order | undefined {
    for (const order of this.ordersById.values()) if (coversPosition(order, position)) return order;
    return undefined;
  }

  /** Times of today's counted trades, oldest first. */
  tradeTimes(): readonly number[] {
    return this.trades.times;
  }

  /** Times of today's executions, oldest first: each order that filled once, whether it opened, added, reduced or closed. */
  executionTimes(): readonly number[] {
    return this.executions.times;
  }

  /** Whether this fill is the one that made its order count as an execution (the order's first fill). */
  isCountedExecution(fill: Fill): boolean {
    return this.executions.countedBy(fill);
  }

  /** Whether this fill is the one that made its order count as a trade. */
  isCountedTrade(fill: Fill): boolean {
    return this.trades.countedBy(fill);
  }

  /** The largest loss realized by one closing fill today (0 when none lost). */
  worstClosingFill(): number {
    return this.worstClose;
  }

  positions(): readonly Position[] {
    return this.book.positions();
  }

  position(contractId: ContractId): Position | undefined {
    return this.book.position(contractId);
  }

  workingOrders(): readonly Order[] {
    return (this.orderList ??= [...this.ordersById.values()]);
  }

  realizedPnl(): number {
    return this.grossRealized - this.feesPaid;
  }

  fees(): number {
    return this.feesPaid;
  }

  /** Trades counted the way RULES.md counts them: an order's first fill that opens or adds. */
  tradeCount(): number {
    return this.trades.size;
  }

  /**
   * Whether the position's mark was quoted after the connection gap the last REST sync bridged: after
   * a reconnect the positions are the broker's now while a quiet contract's mark may be from before
   * the gap, and such a mix is no P&L a high may be raised on (see day-high.ts).
   */
  markFresh(position: Position): boolean {
    return (this.market.markAt(position.contractId) ?? -Infinity) >= this.marksValidFrom;
  }

  unrealizedOf(position: Position): number | null {
    const contract = this.market.contract(position.contractId);
    const mark = this.market.mark(position.contractId);
    if (!contract || mark === undefined) return null;
    return unrealizedPnl(position, contract, mark);
  }

  unrealizedPnl(): number {
    let total = 0;
    for (const position of this.book.positions()) total += this.unrealizedOf(position) ?? 0;
    return total;
  }

  private addFill(fill: Fill): boolean {
    if (this.fillsById.has(fill.id) || fill.voided) return false;
    this.fillsById.set(fill.id, fill);
    this.behaviour.fill(fill, this.book.position(fill.contractId));
    this.book.fill(fill);
    this.countFilled(fill);
    this.grossRealized += fill.profitAndLoss ?? 0;
    this.feesPaid += fill.fees;
    this.executions.count(fill);
    if (opensOrAdds(fill)) {
      this.trades.count(fill);
    } else {
      this.worstClose = Math.min(this.worstClose, fill.profitAndLoss ?? 0);
    }
    return true;
  }

  private applyOrder(order: Order): void {
    this.behaviour.order(order);
    if (isWorking(order)) this.ordersById.set(order.id, order);
    else this.ordersById.delete(order.id);
    this.orderList = null;
    if (order.state === 'filled' && (this.filledByOrder.get(order.id) ?? 0) < order.size) {
      this.awaitingFills.set(order.id, { contractId: order.contractId, size: order.size, since: null });
    }
  }

  private countFilled(fill: Fill): void {
    const filled = (this.filledByOrder.get(fill.orderId) ?? 0) + Math.abs(fill.size);
    this.filledByOrder.set(fill.orderId, filled);
    const awaiting = this.awaitingFills.get(fill.orderId);
    if (awaiting && filled >= awaiting.size) this.awaitingFills.delete(fill.orderId);
  }
}

/** Orders counted once each, by their first fill counted here, with those fills' times kept sorted as they come (rolling windows never re-sort the day). */
class OrdersByFirstFill {
  private readonly firstFill = new Map<number, number>();
  readonly times: number[] = [];

  get size(): number {
    return this.firstFill.size;
  }

  count(fill: Fill): void {
    if (this.firstFill.has(fill.orderId)) return;
    this.firstFill.set(fill.orderId, fill.id);
    // Fills come nearly in order, so the walk from the end is short.
    const at = Date.parse(fill.timestamp);
    let index = this.times.length;
    while (index > 0 && this.times[index - 1]! > at) index--;
    this.times.splice(index, 0, at);
  }

  /** Whether this fill is the one that made its order count. */
  countedBy(fill: Fill): boolean {
    return this.firstFill.get(fill.orderId) === fill.id;
  }

  clear(): void {
    this.firstFill.clear();
    this.times.length = 0;
  }
}
