/**
 * The simulator's accounts, positions and trades: what fills do to them. A position leaves the
 * ledger the moment it is flat, so every position held is open.
 */
import { OrderSide } from '../gateway/wire';
import { DEMO_ACCOUNTS, type SimAccount } from './accounts';
import type { SimContract } from './contracts';
import { applyFill, balanceAfter, feesFor } from './fill-math';
import { SimRejection, type SimOrder, type SimPosition, type SimTrade } from './records';

export interface Booked {
  trade: SimTrade;
  /** As the fill left it; size 0 when it closed the position. */
  position: SimPosition;
  account: SimAccount;
}

export class Ledger {
  private accounts = new Map<number, SimAccount>();
  private readonly positions = new Map<string, SimPosition>();
  private trades: SimTrade[] = [];
  private nextTradeId = 3_100_000_001;
  private nextPositionId = 510_000_001;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.accounts = new Map(DEMO_ACCOUNTS.map((a) => [a.id, { ...a }]));
    this.positions.clear();
    this.trades = [];
  }

  accountList(): SimAccount[] {
    return [...this.accounts.values()];
  }

  hasAccount(id: number): boolean {
    return this.accounts.has(id);
  }

  account(id: number): SimAccount | undefined {
    return this.accounts.get(id);
  }

  /** The account, or the caller's endpoint's code for an unknown one. */
  requireAccount(accountId: number, notFoundCode: number): SimAccount {
    const account = this.accounts.get(accountId);
    if (!account) throw new SimRejection(notFoundCode, `Account ${accountId} not found`);
    return account;
  }

  position(accountId: number, contractId: string): SimPosition | undefined {
    return this.positions.get(`${accountId}:${contractId}`);
  }

  positionList(accountId?: number): SimPosition[] {
    return [...this.positions.values()].filter((p) => accountId === undefined || p.accountId === accountId);
  }

  tradeList(): SimTrade[] {
    return this.trades;
  }

  tradesOf(accountId: number, since: number): SimTrade[] {
    return this.trades.filter((t) => t.accountId === accountId && Date.parse(t.creationTimestamp) >= since);
  }

  /** Books a fill of the whole order at `price`: position, trade with its P&L and fees, balance. */
  book(order: SimOrder, contract: SimContract, price: number, at: string): Booked {
    const account = this.accounts.get(order.accountId)!;
    const key = `${order.accountId}:${order.contractId}`;
    const position = this.positions.get(key) ?? {
      id: this.nextPositionId++,
      accountId: order.accountId,
      contractId: order.contractId,
      creationTimestamp: at,
      size: 0,
      averagePrice: 0,
    };
    const outcome = applyFill(position, order.side === OrderSide.Bid ? order.size : -order.size, price, contract);
    position.size = outcome.size;
    position.averagePrice = outcome.averagePrice;
    if (outcome.opened) position.creationTimestamp = at;
    if (position.size === 0) this.positions.delete(key);
    else this.positions.set(key, position);

    const fees = feesFor(contract, order.size);
    account.balance = balanceAfter(account.balance, outcome.profitAndLoss, fees);
    const trade: SimTrade = {
      id: this.nextTradeId++,
      accountId: order.accountId,
      contractId: order.contractId,
      creationTimestamp: at,
      price,
      profitAndLoss: outcome.profitAndLoss,
      fees,
      side: order.side,
      size: order.size,
      voided: false,
      orderId: order.id,
    };
    this.trades.push(trade);
    return { trade, position, account };
  }
}
