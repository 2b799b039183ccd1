/**
 * Merges the breaches of one evaluation into one plan per account: the strongest remedy wins
 * (hard lockout > cooldown > close position > cancel order > alert). A flatten closes every
 * position and cancels every working order, bracket legs included.
 */
import type { Order, Position } from '../../shared/domain';
import type { Breach, LockRequest } from '../engine/rule';

export type Action =
  | { kind: 'closePosition'; accountId: number; contractId: string; ruleId: string; reason: string }
  | { kind: 'cancelOrder'; accountId: number; orderId: number; contractId: string; ruleId: string; reason: string };

export interface LockDecision {
  request: LockRequest;
  ruleId: string;
  reason: string;
}

export interface Plan {
  accountId: number;
  lock: LockDecision | null;
  actions: Action[];
}

export interface AccountExposure {
  id: number;
  positions(): Position[];
  workingOrders(): Order[];
}

const CATEGORY_STRENGTH = { hardLockout: 3, cooldown: 2, tradeByTrade: 1, automation: 0 } as const;

function lockOf(breach: Breach): LockRequest | null {
  return breach.remedy.kind === 'flatten' ? breach.remedy.lock : null;
}

function strongerLock(a: Breach, b: Breach): Breach {
  const byCategory = CATEGORY_STRENGTH[b.category] - CATEGORY_STRENGTH[a.category];
  if (byCategory !== 0) return byCategory > 0 ? b : a;
  const la = lockOf(a);
  const lb = lockOf(b);
  if (la?.kind === 'cooldown' && lb?.kind === 'cooldown') return lb.durationMs > la.durationMs ? b : a;
  return a;
}

/**
 * A market order that only reduces an open position is an exit in flight — our own close, or the
 * trader's. Cancelling it could leave the position open, so a flatten lets it fill. Resting exits
 * (bracket legs) are still cancelled: once the position is closed they would open a new one.
 */
function isExitInFlight(order: Order, positions: readonly Position[]): boolean {
  if (order.kind !== 'market') return false;
  const position = positions.find((p) => p.contractId === order.contractId);
  if (!position) return false;
  const reduces = order.side === 'sell' ? position.size > 0 : position.size < 0;
  return reduces && order.size <= Math.abs(position.size);
}

export function flattenActions(account: AccountExposure, ruleId: string, reason: string): Action[] {
  const positions = account.positions();
  return [
    ...positions.map((p): Action => ({ kind: 'closePosition', accountId: account.id, contractId: p.contractId, ruleId, reason })),
    ...account
      .workingOrders()
      .filter((o) => !isExitInFlight(o, positions))
      .map((o): Action => ({ kind: 'cancelOrder', accountId: account.id, orderId: o.id, contractId: o.contractId, ruleId, reason })),
  ];
}

export function plan(account: AccountExposure, breaches: readonly Breach[]): Plan | null {
  if (breaches.length === 0) return null;
  const flattening = breaches.filter((b) => b.remedy.kind === 'flatten');
  if (flattening.length > 0) {
    const winner = flattening.reduce(strongerLock);
    const reason = `${winner.ruleName}: ${winner.message}`;
    return {
      accountId: account.id,
      lock: { request: lockOf(winner)!, ruleId: winner.ruleId, reason },
      actions: flattenActions(account, winner.ruleId, reason),
    };
  }
  const actions = new Map<string, Action>();
  for (const breach of breaches) {
    const reason = `${breach.ruleName}: ${breach.message}`;
    const { remedy } = breach;
    if (remedy.kind === 'closePosition') {
      actions.set(`close:${remedy.contractId}`, { kind: 'closePosition', accountId: account.id, contractId: remedy.contractId, ruleId: breach.ruleId, reason });
    } else if (remedy.kind === 'cancelOrder') {
      actions.set(`cancel:${remedy.orderId}`, { kind: 'cancelOrder', accountId: account.id, orderId: remedy.orderId, contractId: remedy.contractId, ruleId: breach.ruleId, reason });
    }
  }
  return { accountId: account.id, lock: null, actions: [...actions.values()] };
}
