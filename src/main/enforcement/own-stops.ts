/**
 * The stops Risk Warden placed itself (trade management), kept across restarts. A stop of ours must
 * never outlive the position it protects: on a flat or reversed contract it would open a position
 * nobody placed.
 */
import type { Order, Position } from '../../shared/domain';
import { tradeManagement } from '../engine/rules/trade-management';
import type { RiskStore } from '../store/risk-store';
import type { AccountExposure, Action } from './planner';

interface OwnStop {
  orderId: number;
  /** Seen working: once it is no longer, it is done with. */
  seen: boolean;
}

/**
 * A stop on the exit side no larger than the position protects it; on a flat contract, on the
 * wrong side, or larger than what is left (the trader took part off), its fill would open or add.
 */
function protects(order: Order, position: Position | undefined): boolean {
  return position !== undefined && (order.side === 'sell' ? position.size > 0 : position.size < 0) && order.size <= Math.abs(position.size);
}

export class OwnStops {
  private readonly byAccount = new Map<number, OwnStop[]>();

  constructor(private readonly store: Pick<RiskStore, 'ruleState' | 'setRuleState'>) {}

  add(accountId: number, orderId: number): void {
    this.save(accountId, [...this.of(accountId), { orderId, seen: false }]);
  }

  /** Cancels for our working stops that no longer protect a position; forgets those no longer working. */
  strays(account: AccountExposure): Action[] {
    const stops = this.of(account.id);
    if (stops.length === 0) return [];
    const working = account.workingOrders();
    const positions = account.positions();
    const kept: OwnStop[] = [];
    const cancels: Action[] = [];
    for (const stop of stops) {
      const order = working.find((o) => o.id === stop.orderId);
      if (!order) {
        if (!stop.seen) kept.push(stop);
        continue;
      }
      kept.push({ orderId: stop.orderId, seen: true });
      if (
        protects(
          order,
          positions.find((p) => p.contractId === order.contractId),
        )
      )
        continue;
      cancels.push({
        kind: 'cancelOrder',
        accountId: account.id,
        orderId: order.id,
        contractId: order.contractId,
        ruleId: tradeManagement.id,
        reason: positions.some((p) => p.contractId === order.contractId) ? 'it is larger than its position' : 'its position is closed',
      });
    }
    if (kept.length !== stops.length || kept.some((k, i) => k.seen !== stops[i]!.seen)) this.save(account.id, kept);
    return cancels;
  }

  private of(accountId: number): OwnStop[] {
    let stops = this.byAccount.get(accountId);
    if (!stops) {
      stops = (this.store.ruleState(accountId, tradeManagement.id) as OwnStop[] | null) ?? [];
      this.byAccount.set(accountId, stops);
    }
    return stops;
  }

  private save(accountId: number, stops: OwnStop[]): void {
    this.byAccount.set(accountId, stops);
    this.store.setRuleState(accountId, tradeManagement.id, stops);
  }
}
