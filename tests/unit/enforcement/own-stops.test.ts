import { describe, expect, it } from 'vitest';
import { OwnStops } from '../../../src/main/enforcement/own-stops';
import type { AccountExposure } from '../../../src/main/enforcement/planner';
import type { Order, Position } from '../../../src/shared/domain';
import { CONTRACTS, order, position } from '../../helpers/states';
import { tempDir } from '../../helpers/harness';
import { openTestStore } from '../../helpers/store';
import type { RiskStore } from '../../../src/main/store/risk-store';
import { recorderOf } from '../service/recorder-of';

const MNQ = CONTRACTS.MNQ!.id;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ownStops = (store: RiskStore) => new OwnStops(store, recorderOf(store), silent);
const sellStop = (id: number): Order => order(id, MNQ, { kind: 'stop', side: 'sell', size: 2, limitPrice: null, stopPrice: 21002 });
const account = (positions: Position[], orders: Order[]): AccountExposure => ({
  id: 1,
  positions: () => positions,
  workingOrders: () => orders,
});

describe('Risk Warden’s own stops', () => {
  it('leave a stop that protects its position alone, and cancel it once the contract is flat', () => {
    const stops = ownStops(openTestStore().store);
    stops.add(1, 9001);
    expect(stops.strays(account([position('MNQ', 2)], [sellStop(9001)]))).toEqual([]);
    expect(stops.strays(account([], [sellStop(9001)]))).toEqual([
      {
        kind: 'cancelOrder',
        accountId: 1,
        orderId: 9001,
        contractId: MNQ,
        ruleId: 'RULE-012',
        ruleTitle: 'Trade management',
        reason: 'its position is closed',
      },
    ]);
  });

  it('cancel a sell stop once the position has reversed to short (it would add to the short)', () => {
    const stops = ownStops(openTestStore().store);
    stops.add(1, 9001);
    expect(stops.strays(account([position('MNQ', -1)], [sellStop(9001)]))).toHaveLength(1);
  });

  it('cancel a stop larger than what is left of the position (trade management then places one of the right size)', () => {
    const stops = ownStops(openTestStore().store);
    stops.add(1, 9001);
    expect(stops.strays(account([position('MNQ', 1)], [sellStop(9001)]))).toEqual([
      {
        kind: 'cancelOrder',
        accountId: 1,
        orderId: 9001,
        contractId: MNQ,
        ruleId: 'RULE-012',
        ruleTitle: 'Trade management',
        reason: 'it is larger than its position',
      },
    ]);
  });

  it('never touch the trader’s own stops, and forget ours once they stop working', () => {
    const stops = ownStops(openTestStore().store);
    stops.add(1, 9001);
    expect(stops.strays(account([], [sellStop(77)]))).toEqual([]); // ours not seen yet: kept
    expect(stops.strays(account([], [sellStop(9001)]))).toHaveLength(1);
    expect(stops.strays(account([], []))).toEqual([]); // cancelled: forgotten
    expect(stops.strays(account([], [sellStop(9001)]))).toEqual([]);
  });

  it('are remembered across a restart', () => {
    const dir = tempDir();
    ownStops(openTestStore(dir).store).add(1, 9001);
    const afterRestart = ownStops(openTestStore(dir).store);
    expect(afterRestart.strays(account([], [sellStop(9001)]))).toHaveLength(1);
  });
});
