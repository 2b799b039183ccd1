/**
 * One account as Risk Warden sees it: signed positions, working orders, today's fills (each
 * applied exactly once, keyed by trade id), realized P&L net of fees, the trade count and
 * unrealized P&L from the market book.
 */
import type { Account, ContractId, Fill, GatewayEvent, Order, Position } from '../../shared/domain';
import { isWorking } from '../../shared/domain';
import type { MarketBook } from './market-book';
import { unrealizedPnl } from './pnl';

/** What the gateway says over REST at a point in time: replaces positions and orders, adds missing fills. */
export interface AccountSync {
  accountId: number;
  positions: Position[];
  orders: Order[];
  fills: Fill[];
}

export class AccountState {
  private readonly positionsByContract = new Map<ContractId, Position>();
  private readonly ordersById = new Map<number, Order>();
  private readonly fillsById = new Map<number, Fill>();
  private readonly countedOrders = new Set<number>();
  private grossRealized = 0;
  private feesPaid = 0;

  constructor(
    public account: Account,
    readonly market: MarketBook,
  ) {}

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
        this.positionsByContract.set(event.position.contractId, event.position);
        return null;
      case 'positionClosed':
        this.positionsByContract.delete(event.contractId);
        return null;
      case 'order':
        if (isWorking(event.order)) this.ordersById.set(event.order.id, event.order);
        else this.ordersById.delete(event.order.id);
        return null;
      case 'fill':
        return this.addFill(event.fill) ? event.fill : null;
      case 'quote':
        return null;
    }
  }

  /** Returns the fills that were not known before. */
  reconcile(sync: AccountSync): Fill[] {
    this.positionsByContract.clear();
    for (const position of sync.positions) this.positionsByContract.set(position.contractId, position);
    this.ordersById.clear();
    for (const order of sync.orders) if (isWorking(order)) this.ordersById.set(order.id, order);
    return sync.fills.filter((fill) => this.addFill(fill));
  }

  startNewDay(): void {
    this.fillsById.clear();
    this.countedOrders.clear();
    this.grossRealized = 0;
    this.feesPaid = 0;
  }

  positions(): Position[] {
    return [...this.positionsByContract.values()];
  }

  position(contractId: ContractId): Position | undefined {
    return this.positionsByContract.get(contractId);
  }

  workingOrders(): Order[] {
    return [...this.ordersById.values()];
  }

  realizedPnl(): number {
    return this.grossRealized - this.feesPaid;
  }

  fees(): number {
    return this.feesPaid;
  }

  /** Trades counted the way RULES.md counts them: an order's first fill that opens or adds. */
  tradeCount(): number {
    return this.countedOrders.size;
  }

  unrealizedOf(position: Position): number | null {
    const contract = this.market.contract(position.contractId);
    const mark = this.market.mark(position.contractId);
    if (!contract || mark === undefined) return null;
    return unrealizedPnl(position, contract, mark);
  }

  unrealizedPnl(): number {
    let total = 0;
    for (const position of this.positionsByContract.values()) total += this.unrealizedOf(position) ?? 0;
    return total;
  }

  private addFill(fill: Fill): boolean {
    if (this.fillsById.has(fill.id) || fill.voided) return false;
    this.fillsById.set(fill.id, fill);
    this.grossRealized += fill.profitAndLoss ?? 0;
    this.feesPaid += fill.fees;
    if (fill.profitAndLoss === null) this.countedOrders.add(fill.orderId);
    return true;
  }
}
