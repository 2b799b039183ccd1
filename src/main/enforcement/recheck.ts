/**
 * What the broker shows after a call failed: whether a refused action was still needed, and what
 * is left to do before a call that is not safe to repeat goes out again.
 */
import { coversPosition, isWorking } from '../../shared/domain';
import type { Broker } from './broker';
import type { Action } from './planner';

/** After a final refusal: a cancel of an order that filled meanwhile, or a close of a position that is gone, was not needed. */
export async function stillNeeded(broker: Broker, action: Action): Promise<boolean> {
  if (action.kind === 'cancelOrder') {
    const order = await broker.order(action.accountId, action.orderId);
    return order !== null && isWorking(order);
  }
  const { positions } = await broker.openState(action.accountId);
  return positions.some((p) => p.contractId === action.contractId);
}

/**
 * Before a trim or a new stop is sent again after an ambiguous failure (the first may have gone
 * through): the call to send now, or null when nothing is left to do. Other calls are safe to repeat.
 */
export async function whatIsLeft(broker: Broker, action: Action): Promise<Action | null> {
  if (action.kind !== 'reducePosition' && !(action.kind === 'moveStop' && action.orderId === null)) return action;
  const { positions, orders } = await broker.openState(action.accountId);
  const position = positions.find((p) => p.contractId === action.contractId);
  if (action.kind === 'reducePosition') {
    const excess = position ? Math.abs(position.size) - action.targetSize : 0;
    return excess > 0 ? { ...action, size: excess } : null;
  }
  return position && !orders.some((o) => coversPosition(o, position)) ? action : null;
}
