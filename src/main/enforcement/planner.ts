/**
 * Merges the breaches of one evaluation into one plan per account: the strongest remedy wins
 * (hard lockout > cooldown > close position > cancel order > alert). A flatten closes every
 * position and cancels every working order, bracket legs included.
 */
import type { Order, Position } from '../../shared/domain';
import type { Breach } from '../engine/rule';
import type { LockRequest } from '../schedule/lock-end';

interface ActionBase {
  accountId: number;
  contractId: string;
  ruleId: string;
  /** The rule's title as its card names it ("Max contracts"), for the timeline; absent when not known. */
  ruleTitle?: string;
  /** Why, in a sentence a trader reads: the rule's message ("6 contracts open (net), limit 5"). */
  reason: string;
}

export type Action =
  /** `size`: the contracts open when the close was decided, for the timeline. */
  | (ActionBase & { kind: 'closePosition'; size?: number })
  | (ActionBase & { kind: 'reducePosition'; size: number; targetSize: number })
  | (ActionBase & { kind: 'cancelOrder'; orderId: number })
  | (ActionBase & { kind: 'moveStop'; orderId: number | null; stopPrice: number; size: number; side: 'buy' | 'sell' });

export interface LockDecision {
  request: LockRequest;
  ruleId: string;
  ruleTitle: string;
  /** The rule's message as a sentence, without its id or config key: the banner shows the rule's title beside it. */
  reason: string;
}

/** The title of the rule that made a breach, as its card names it. */
export type TitleOf = (breach: Breach) => string;

/** When the armed rule is not at hand: its config key in words ("max_contracts" → "Max contracts"). */
export const titleFromName: TitleOf = (breach) => {
  const words = breach.ruleName.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export interface Plan {
  accountId: number;
  lock: LockDecision | null;
  actions: Action[];
  /** The broker refuses this account: make no gateway call at all. */
  suspended: boolean;
}

export interface AccountExposure {
  id: number;
  positions(): readonly Position[];
  workingOrders(): readonly Order[];
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
 * trader's. Cancelling it could leave the position open, so neither a flatten nor a rule that
 * cancels orders (a symbol block) touches it. Resting exits (bracket legs) are still cancelled: once
 * the position is closed they would open a new one.
 */
function isExitInFlight(order: Order, positions: readonly Position[]): boolean {
  if (order.kind !== 'market') return false;
  const position = positions.find((p) => p.contractId === order.contractId);
  if (!position) return false;
  const reduces = order.side === 'sell' ? position.size > 0 : position.size < 0;
  return reduces && order.size <= Math.abs(position.size);
}

export function flattenActions(account: AccountExposure, ruleId: string, reason: string, ruleTitle?: string): Action[] {
  const positions = account.positions();
  const base = { accountId: account.id, ruleId, reason, ...(ruleTitle === undefined ? {} : { ruleTitle }) };
  return [
    ...positions.map((p): Action => ({ ...base, kind: 'closePosition', contractId: p.contractId, size: Math.abs(p.size) })),
    ...account
      .workingOrders()
      .filter((o) => !isExitInFlight(o, positions))
      .map((o): Action => ({ ...base, kind: 'cancelOrder', orderId: o.id, contractId: o.contractId })),
  ];
}

/**
 * Per contract the strongest position remedy wins: a close beats a trim, and both beat moving its
 * stop. Cancels are per order.
 */
const POSITION_STRENGTH = { closePosition: 3, reducePosition: 2, moveStop: 1 } as const;

type PositionAction = Exclude<Action, { kind: 'cancelOrder' }>;

/** Of two stop moves for one position the tighter wins: a stop put back where the trader had it (RULE-019) may be tighter than trade management's. */
function tighterStop(action: PositionAction, existing: PositionAction): boolean {
  if (action.kind !== 'moveStop' || existing.kind !== 'moveStop') return false;
  return action.side === 'sell' ? action.stopPrice > existing.stopPrice : action.stopPrice < existing.stopPrice;
}

function positionAction(breach: Breach, account: AccountExposure, ruleTitle: string): PositionAction | null {
  const base = { accountId: account.id, ruleId: breach.ruleId, ruleTitle, reason: breach.message };
  const { remedy } = breach;
  switch (remedy.kind) {
    case 'closePosition': {
      const open = account.positions().find((p) => p.contractId === remedy.contractId);
      return { ...base, kind: 'closePosition', contractId: remedy.contractId, ...(open ? { size: Math.abs(open.size) } : {}) };
    }
    case 'reducePosition':
      return { ...base, kind: 'reducePosition', contractId: remedy.contractId, size: remedy.size, targetSize: remedy.targetSize };
    case 'moveStop':
      return {
        ...base,
        kind: 'moveStop',
        contractId: remedy.contractId,
        orderId: remedy.orderId,
        stopPrice: remedy.stopPrice,
        size: remedy.size,
        side: remedy.side,
      };
    default:
      return null;
  }
}

export function plan(account: AccountExposure, breaches: readonly Breach[], titleOf: TitleOf = titleFromName): Plan | null {
  if (breaches.length === 0) return null;
  if (breaches.some((b) => b.remedy.kind === 'suspend')) return { accountId: account.id, lock: null, actions: [], suspended: true };
  const flattening = breaches.filter((b) => b.remedy.kind === 'flatten');
  if (flattening.length > 0) {
    const winner = flattening.reduce(strongerLock);
    const ruleTitle = titleOf(winner);
    const reason = winner.message;
    return {
      accountId: account.id,
      lock: { request: lockOf(winner)!, ruleId: winner.ruleId, ruleTitle, reason },
      actions: flattenActions(account, winner.ruleId, reason, ruleTitle),
      suspended: false,
    };
  }
  const byContract = new Map<string, PositionAction>();
  const cancels = new Map<number, Action>();
  for (const breach of breaches) {
    const { remedy } = breach;
    if (remedy.kind === 'cancelOrder') {
      const order = account.workingOrders().find((o) => o.id === remedy.orderId);
      if (order && isExitInFlight(order, account.positions())) continue;
      cancels.set(remedy.orderId, {
        kind: 'cancelOrder',
        accountId: account.id,
        orderId: remedy.orderId,
        contractId: remedy.contractId,
        ruleId: breach.ruleId,
        ruleTitle: titleOf(breach),
        reason: breach.message,
      });
      continue;
    }
    const action = positionAction(breach, account, titleOf(breach));
    if (!action) continue;
    const existing = byContract.get(action.contractId);
    if (!existing || POSITION_STRENGTH[action.kind] > POSITION_STRENGTH[existing.kind] || tighterStop(action, existing))
      byContract.set(action.contractId, action);
  }
  return { accountId: account.id, lock: null, actions: [...byContract.values(), ...cancels.values()], suspended: false };
}
