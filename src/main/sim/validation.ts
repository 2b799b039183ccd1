/** What Order/place refuses, with the live gateway's messages (errorCode 2, OrderRejected). */
import { OrderSide, OrderType, type PlaceOrderRequest } from '../gateway/wire';
import type { SimAccount } from './accounts';
import type { SimOrder } from './records';

const MIN_BRACKET_TICKS = 4;
const SUPPORTED_TYPES: readonly number[] = [OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.TrailingStop];

/** Why the gateway refuses this order, or null when it takes it. */
export function orderProblem(order: SimOrder, account: SimAccount, input: PlaceOrderRequest): string | null {
  if (!account.canTrade) return 'Account is not allowed to trade';
  if (!Number.isInteger(order.size) || order.size < 1) return `Invalid order size (${order.size})`;
  if (order.side !== OrderSide.Bid && order.side !== OrderSide.Ask) return `Invalid side (${order.side})`;
  if (order.type === OrderType.Limit && order.limitPrice == null) return 'Limit price is required for a limit order';
  if (order.type === OrderType.Stop && order.stopPrice == null) return 'Stop price is required for a stop order';
  if (order.type === OrderType.TrailingStop && input.trailPrice == null) return 'Trail Distance not set.';
  if (!SUPPORTED_TYPES.includes(order.type)) return `Order type ${order.type} is not supported`;
  return bracketProblem(order.side === OrderSide.Bid, input);
}

/** Bracket ticks are signed from the entry (a long's stop below it) and at least MIN_BRACKET_TICKS away. */
function bracketProblem(long: boolean, input: PlaceOrderRequest): string | null {
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
