/** Small builders for engine state: an account with positions, fills and marks. */
import type { Contract, Fill, Order, Position } from '../../src/shared/domain';
import { AccountState } from '../../src/main/engine/account-state';
import { positionAfterFill } from '../../src/main/engine/position-book';
import { MarketBook } from '../../src/main/engine/market-book';
import type { RuleContext } from '../../src/main/engine/rule';
import { toContract } from '../../src/main/gateway/normalise';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../src/main/sim/contracts';
import { wireContract } from '../../src/main/sim/wire-format';

/** The simulator's contracts as the client reads them, by symbol. */
export const CONTRACTS: Record<string, Contract> = Object.fromEntries(
  Object.entries(SIM_CONTRACTS_BY_SYMBOL).map(([symbol, contract]) => [symbol, toContract(wireContract(contract))]),
);

let fillId = 1;

export function fill(contractId: string, size: number, profitAndLoss: number | null, fees = 0, orderId = fillId): Fill {
  return {
    id: fillId++,
    accountId: 1,
    contractId,
    orderId,
    timestamp: '2026-11-24T15:00:00Z',
    price: 100,
    size,
    profitAndLoss,
    fees,
    voided: false,
  };
}

export function position(symbol: keyof typeof CONTRACTS, size: number, averagePrice = 100): Position {
  return { accountId: 1, contractId: CONTRACTS[symbol]!.id, size, averagePrice };
}

/** A working buy limit order of account 1, as the user hub sends one; `over` changes any field. */
export function order(id: number, contractId: string, over: Partial<Order> = {}): Order {
  return { id, accountId: 1, contractId, kind: 'limit', side: 'buy', size: 1, state: 'open', limitPrice: 90, stopPrice: null, ...over };
}

export function accountWith(options: { positions?: Position[]; fills?: Fill[]; marks?: Record<string, number> } = {}): AccountState {
  const market = new MarketBook();
  for (const contract of Object.values(CONTRACTS)) market.addContract(contract);
  for (const [contractId, price] of Object.entries(options.marks ?? {})) {
    market.applyQuote({ contractId, lastPrice: price, bestBid: null, bestAsk: null, timestamp: '' });
  }
  const account = new AccountState({ id: 1, name: 'TEST', balance: 50_000, canTrade: true }, market);
  account.reconcile({ accountId: 1, positions: options.positions ?? [], orders: [], fills: options.fills ?? [] });
  return account;
}

/** A fill as the gateway delivers it: its trade, then the broker's position after it. */
export function fillAndReport(account: AccountState, contractId: string, size: number, profitAndLoss: number | null): void {
  const trade = fill(contractId, size, profitAndLoss);
  const after = positionAfterFill(account.position(contractId), trade);
  account.apply({ type: 'fill', fill: trade });
  account.apply(after ? { type: 'position', position: after } : { type: 'positionClosed', accountId: 1, contractId });
}

export function contextOf(account: AccountState, event: RuleContext['event'] = null): RuleContext {
  return { account, market: account.market, event, now: Date.parse('2026-11-24T15:00:00Z'), loggedOut: false, closing: new Set<string>() };
}
