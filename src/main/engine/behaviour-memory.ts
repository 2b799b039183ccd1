/**
 * What the behaviour rules judge that the rest of an account's state forgets: what the last order
 * event changed (a new order, a stop price moved, and from where), the latest losing close per
 * contract, and when each behaviour rule last found an offence today (for its card).
 */
import type { ContractId, Fill, Order, Position } from '../../shared/domain';
import { isWorking } from '../../shared/domain';

/** What one order event changed about its order. */
export interface OrderChange {
  orderId: number;
  /** First seen working: the trader just placed it. */
  isNew: boolean;
  /** The stop price it had before this event moved it; null when this event did not move it. */
  stopMovedFrom: number | null;
}

/** A closing fill that lost money net of its fees. */
export interface LosingClose {
  contractId: ContractId;
  fillId: number;
  /** Epoch ms of the fill. */
  at: number;
  /** Net of fees, negative. */
  loss: number;
  /** Contracts of the position it closed from (all of them, when it closed only part). */
  size: number;
}

/** The size a position goes back to after a refused add, on its side (+1 long, −1 short). */
export interface RefusedAdd {
  size: number;
  side: 1 | -1;
}

export interface Offence {
  /** Epoch ms of the latest one. */
  at: number;
  contractId: ContractId;
  /** How many today. */
  count: number;
}

export class BehaviourMemory {
  /** Stop price (or null) of every working order, by id. */
  private readonly working = new Map<number, number | null>();
  private lastChange: OrderChange | null = null;
  private readonly closes = new Map<ContractId, LosingClose>();
  private readonly offences = new Map<string, Offence>();
  /** Positions an add was refused on, and the size they go back to: an add that fills in parts is taken back whole. */
  private readonly refused = new Map<ContractId, RefusedAdd>();

  /** An order event, before the rules judge it. */
  order(order: Order): void {
    const known = this.working.has(order.id);
    const before = this.working.get(order.id) ?? null;
    if (!isWorking(order)) {
      this.working.delete(order.id);
      this.lastChange = { orderId: order.id, isNew: false, stopMovedFrom: null };
      return;
    }
    this.working.set(order.id, order.stopPrice);
    const moved = known && before !== null && order.stopPrice !== null && order.stopPrice !== before;
    this.lastChange = { orderId: order.id, isNew: !known, stopMovedFrom: moved ? before : null };
  }

  /** The broker's working orders read over REST: known from now on, and nothing changed by an event. */
  reconcile(orders: readonly Order[]): void {
    this.working.clear();
    for (const order of orders) if (isWorking(order)) this.working.set(order.id, order.stopPrice);
    this.lastChange = null;
  }

  /** What the last order event changed, when it was about this order. */
  changeOf(orderId: number): OrderChange | null {
    return this.lastChange?.orderId === orderId ? this.lastChange : null;
  }

  /** A new fill, with the position it applies to (before it counts). */
  fill(fill: Fill, before: Position | undefined): void {
    if (fill.profitAndLoss === null) return;
    const loss = fill.profitAndLoss - fill.fees;
    const at = Date.parse(fill.timestamp);
    const latest = this.closes.get(fill.contractId);
    if (loss >= 0 || (latest && latest.at > at)) return;
    this.closes.set(fill.contractId, { contractId: fill.contractId, fillId: fill.id, at, loss, size: Math.abs(before?.size ?? fill.size) });
  }

  /** A closing fill that Risk Warden's own close or trim made: no revenge is taken on what the trader did not close. */
  ours(fill: Fill): void {
    if (this.closes.get(fill.contractId)?.fillId === fill.id) this.closes.delete(fill.contractId);
  }

  /** The latest losing close of each contract. */
  losingCloses(): Iterable<LosingClose> {
    return this.closes.values();
  }

  refuseAdd(contractId: ContractId, add: RefusedAdd): void {
    this.refused.set(contractId, add);
  }

  refusedAdds(): ReadonlyMap<ContractId, RefusedAdd> {
    return this.refused;
  }

  /** The position is back to its size before the add (or gone, or turned): nothing more is owed. */
  settleRefusedAdd(contractId: ContractId): void {
    this.refused.delete(contractId);
  }

  noteOffence(ruleId: string, at: number, contractId: ContractId): void {
    this.offences.set(ruleId, { at, contractId, count: (this.offences.get(ruleId)?.count ?? 0) + 1 });
  }

  offence(ruleId: string): Offence | null {
    return this.offences.get(ruleId) ?? null;
  }

  /** Offences count per trading day; a loss just before the reset still makes a re-entry just after it a revenge. */
  startNewDay(): void {
    this.offences.clear();
    this.refused.clear();
  }
}
