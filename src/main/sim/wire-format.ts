/** The simulator's records as the gateway serialises them. */
import { OrderSide, PositionType, TradeLogType } from '../gateway/wire';
import type { SimContract } from './contracts';
import { roundPrice } from './fill-math';
import type { SimOrder, SimPosition } from './records';

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
