/** The shape every rule has: pure, synchronous, reads state and returns breaches. */
import type { ContractId, GatewayEvent } from '../../shared/domain';
import type { AccountState } from './account-state';
import type { MarketBook } from './market-book';

export type RuleCategory = 'tradeByTrade' | 'cooldown' | 'hardLockout' | 'automation';

export type LockRequest =
  | { kind: 'untilReset' }
  | { kind: 'cooldown'; durationMs: number }
  | { kind: 'untilSessionStart' }
  | { kind: 'untilAdmin' };

export type Remedy =
  | { kind: 'closePosition'; contractId: ContractId }
  | { kind: 'cancelOrder'; orderId: number; contractId: ContractId }
  | { kind: 'flatten'; lock: LockRequest }
  | { kind: 'alert' };

export interface Breach {
  ruleId: string;
  ruleName: string;
  accountId: number;
  category: RuleCategory;
  remedy: Remedy;
  /** A sentence a trader understands: "6 contracts open, limit 5". */
  message: string;
  value: number;
  limit: number;
}

export interface RuleContext {
  account: AccountState;
  market: MarketBook;
  /** The event being evaluated; null on a timer tick or a reconcile. */
  event: GatewayEvent | null;
  now: number;
}

export interface Measure {
  value: number;
  limit: number;
  /** Share of the limit used, 0 when nothing counts against it. */
  usage: number;
}

export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly unit: 'contracts' | 'usd';
  readonly enabled: boolean;
  measure(context: RuleContext): Measure;
  evaluate(context: RuleContext): Breach[];
}

/** The contract an event is about, if any. */
export function eventContract(event: GatewayEvent | null): ContractId | null {
  if (!event) return null;
  switch (event.type) {
    case 'position':
      return event.position.contractId;
    case 'positionClosed':
      return event.contractId;
    case 'order':
      return event.order.contractId;
    case 'fill':
      return event.fill.contractId;
    case 'quote':
      return event.quote.contractId;
    case 'account':
      return null;
  }
}
