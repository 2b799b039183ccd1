/**
 * The stops Risk Warden placed itself (trade management), kept across restarts. A stop of ours must
 * never outlive the position it protects: on a flat or reversed contract it would open a position
 * nobody placed.
 */
import type { Order, Position } from '../../shared/domain';
import { tradeManagement } from '../engine/rules/trade-management';
import type { Logger } from '../log';
import type { RiskStore } from '../store/risk-store';
import type { Recorder } from './executor';
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

  constructor(
    private readonly store: Pick<RiskStore, 'ruleState'>,
    private readonly recorder: Recorder,
    private readonly logger: Logger,
  ) {}

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
        ruleTitle: 'Trade management',
        reason: positions.some((p) => p.contractId === order.contractId) ? 'it is larger than its position' : 'its position is closed',
      });
    }
    if (kept.length !== stops.length || kept.some((k, i) => k.seen !== stops[i]!.seen)) this.save(account.id, kept);
    return cancels;
  }

  private of(accountId: number): OwnStop[] {
    let stops = this.byAccount.get(accountId);
    if (!stops) {
      stops = this.stored(accountId);
      this.byAccount.set(accountId, stops);
    }
    return stops;
  }

  /** Those a previous run placed; none when the store cannot be read (stops placed from now on are still kept). */
  private stored(accountId: number): OwnStop[] {
    try {
      return (this.store.ruleState(accountId, tradeManagement.id) as OwnStop[] | null) ?? [];
    } catch (error) {
      this.logger.error(
        `account ${accountId}: the stops Risk Warden placed before this start could not be read (${(error as Error).message}); ` +
          'a stop of those left on a closed position is not cancelled by Risk Warden',
      );
      return [];
    }
  }

  private save(accountId: number, stops: OwnStop[]): void {
    this.byAccount.set(accountId, stops);
    this.recorder.write(
      `Risk Warden's stops of account ${accountId}`,
      (store) => store.setRuleState(accountId, tradeManagement.id, stops),
      {
        keep: true,
        key: `rule_state:${accountId}:${tradeManagement.id}`,
      },
    );
  }
}
