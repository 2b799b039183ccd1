/**
 * The demo panel's hold on the built-in simulator: trades and price moves a newcomer makes without
 * curl. Orders go through the simulator's own order path (what its Order/place serves), so the
 * fills, positions and hub messages are those a trading platform's order would make, and Risk
 * Warden sees them over the gateway like any other trade.
 */
import type { z } from 'zod';
import type { DemoNudgeSchema, DemoOrderSchema, DemoResultSchema, DemoView } from '../../shared/contract';
import { tradedSymbol } from '../../shared/symbols';
import { OrderSide, OrderType } from '../gateway/wire';
import type { SimContract } from '../sim/contracts';
import { SimRejection, type Exchange } from '../sim/exchange';
import { ApiError } from './api-handler';
import { priceText } from '../../shared/price-text';
import { counted } from '../engine/rules/words';

export type DemoOrder = z.infer<typeof DemoOrderSchema>;
export type DemoNudge = z.infer<typeof DemoNudgeSchema>;
export type DemoResult = z.infer<typeof DemoResultSchema>;

export interface DemoControl {
  order(order: DemoOrder): Promise<DemoResult>;
  closeAll(accountId: number): Promise<DemoResult>;
  nudge(nudge: DemoNudge): Promise<DemoResult>;
  /** The contracts the panel trades, with their last price, and the simulator's address. */
  view(): DemoView;
}

export interface SimulatorDemoDeps {
  exchange: Exchange;
  /** The simulator's root address, whose page names its control API. */
  url: string;
}

/** The demo panel over the in-process simulator of demo mode. */
export class SimulatorDemo implements DemoControl {
  constructor(private readonly deps: SimulatorDemoDeps) {}

  order({ accountId, contractId, side, size }: DemoOrder): Promise<DemoResult> {
    const { exchange } = this.deps;
    this.requireAccount(accountId);
    const contract = this.requireContract(contractId);
    const symbol = tradedSymbol(contract.name);
    const verb = side === 'buy' ? 'buy' : 'sell';
    let orderId: number;
    try {
      orderId = exchange.placeOrder({
        accountId,
        contractId,
        type: OrderType.Market,
        side: side === 'buy' ? OrderSide.Bid : OrderSide.Ask,
        size,
      });
    } catch (error) {
      throw refused(`Could not ${verb} ${size} ${symbol}`, error);
    }
    const filled = exchange.orderById(accountId, orderId).filledPrice;
    const done = side === 'buy' ? 'Bought' : 'Sold';
    const at = filled === null ? '' : ` at ${priceText(filled, contract.tickSize)}`;
    return Promise.resolve({ message: `${done} ${size} ${symbol}${at}` });
  }

  closeAll(accountId: number): Promise<DemoResult> {
    const { exchange } = this.deps;
    this.requireAccount(accountId);
    // Working orders first: a stop left behind could open a position again once the others are closed.
    const orders = exchange.openOrders(accountId);
    for (const order of orders) {
      try {
        exchange.cancelOrder(accountId, order.id);
      } catch (error) {
        throw refused(`Could not cancel the working order in ${this.symbolOf(order.contractId)}`, error);
      }
    }
    const positions = exchange.openPositions(accountId);
    for (const position of positions) {
      try {
        exchange.closeContract(accountId, position.contractId);
      } catch (error) {
        throw refused(`Could not close the ${this.symbolOf(position.contractId)} position`, error);
      }
    }
    if (positions.length === 0 && orders.length === 0)
      return Promise.resolve({ message: 'Nothing to close: no open positions or working orders' });
    const parts = [
      ...(positions.length > 0 ? [`Closed ${counted(positions.length, 'position')}`] : []),
      ...(orders.length > 0 ? [`cancelled ${counted(orders.length, 'working order')}`] : []),
    ];
    const message = parts.join(' and ');
    return Promise.resolve({ message: message.charAt(0).toUpperCase() + message.slice(1) });
  }

  nudge({ contractId, ticks }: DemoNudge): Promise<DemoResult> {
    const { exchange } = this.deps;
    const contract = this.requireContract(contractId);
    const symbol = tradedSymbol(contract.name);
    const from = exchange.price(contractId)!;
    const to = from + ticks * contract.tickSize;
    if (to <= 0)
      throw new ApiError(
        `Cannot move ${symbol} ${moveText(ticks)}: its price ${priceText(from, contract.tickSize)} would fall to zero or below`,
      );
    exchange.setPrice(contractId, to);
    const now = exchange.price(contractId)!;
    return Promise.resolve({ message: `Moved ${symbol} ${moveText(ticks)} to ${priceText(now, contract.tickSize)}` });
  }

  view(): DemoView {
    const { exchange, url } = this.deps;
    return {
      contracts: exchange.contractList().map((contract) => ({
        contractId: contract.id,
        symbol: tradedSymbol(contract.name),
        description: contract.description,
        tickSize: contract.tickSize,
        price: exchange.price(contract.id) ?? null,
      })),
      simulatorUrl: url,
    };
  }

  private requireAccount(accountId: number): void {
    const { exchange } = this.deps;
    if (exchange.hasAccount(accountId)) return;
    const known = exchange
      .accountList()
      .map((account) => `${account.name} (${account.id})`)
      .join(', ');
    throw new ApiError(`The simulator has no account ${accountId}; its accounts: ${known}`);
  }

  private requireContract(contractId: string): SimContract {
    const contract = this.deps.exchange.contract(contractId);
    if (contract) return contract;
    const known = this.deps.exchange
      .contractList()
      .map((c) => tradedSymbol(c.name))
      .join(', ');
    throw new ApiError(`The simulator does not trade ${contractId}; it trades ${known}`);
  }

  private symbolOf(contractId: string): string {
    const contract = this.deps.exchange.contract(contractId);
    return contract ? tradedSymbol(contract.name) : contractId;
  }
}

/** The simulator's refusal, with its reason, as the panel shows it. */
function refused(what: string, error: unknown): Error {
  if (error instanceof SimRejection) return new ApiError(`${what}: the simulator refused (${error.message})`);
  return error as Error;
}

/** 8 → "up 8 ticks", −1 → "down 1 tick". */
function moveText(ticks: number): string {
  return `${ticks > 0 ? 'up' : 'down'} ${counted(Math.abs(ticks), 'tick')}`;
}
