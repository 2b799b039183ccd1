import { describe, expect, it } from 'vitest';
import { accountWith, CONTRACTS, fill, fillAndReport, order, position } from '../../helpers/states';

describe('AccountState', () => {
  it('applies each fill once, however often it arrives', () => {
    const account = accountWith();
    const loss = fill(CONTRACTS.MNQ!.id, -1, -100, 0.37);
    expect(account.apply({ type: 'fill', fill: loss })).toEqual(loss);
    expect(account.apply({ type: 'fill', fill: loss })).toBeNull();
    expect(account.reconcile({ accountId: 1, positions: [], orders: [], fills: [loss] })).toEqual([]);
    expect(account.realizedPnl()).toBeCloseTo(-100.37, 9);
  });

  it('nets realized P&L of fees and ignores voided fills', () => {
    const account = accountWith({
      fills: [
        fill(CONTRACTS.ES!.id, 1, null, 1.4),
        fill(CONTRACTS.ES!.id, -1, 50, 1.4),
        { ...fill(CONTRACTS.ES!.id, -1, -900), voided: true },
      ],
    });
    expect(account.realizedPnl()).toBeCloseTo(47.2, 9);
    expect(account.fees()).toBeCloseTo(2.8, 9);
  });

  it("counts a trade at an order's first opening fill", () => {
    const account = accountWith({
      fills: [
        fill(CONTRACTS.MNQ!.id, 1, null, 0, 10),
        fill(CONTRACTS.MNQ!.id, 1, null, 0, 10),
        fill(CONTRACTS.MNQ!.id, 1, null, 0, 11),
        fill(CONTRACTS.MNQ!.id, -3, 5, 0, 12),
      ],
    });
    expect(account.tradeCount()).toBe(2);
  });

  it('keeps signed positions and drops them on close', () => {
    const account = accountWith({ positions: [position('MNQ', 3)] });
    account.apply({ type: 'position', position: position('NQ', -2) });
    expect(account.positions().map((p) => p.size)).toEqual([3, -2]);
    fillAndReport(account, CONTRACTS.MNQ!.id, -3, -12);
    expect(account.positions().map((p) => p.contractId)).toEqual([CONTRACTS.NQ!.id]);
  });

  it('tracks only working orders', () => {
    const account = accountWith();
    const working = order(9, CONTRACTS.MNQ!.id, { limitPrice: 1 });
    account.apply({ type: 'order', order: working });
    expect(account.workingOrders()).toHaveLength(1);
    account.apply({ type: 'order', order: { ...working, state: 'cancelled' } });
    expect(account.workingOrders()).toHaveLength(0);
  });

  it('starts a new trading day at zero', () => {
    const account = accountWith({ fills: [fill(CONTRACTS.MNQ!.id, 1, null, 0.37), fill(CONTRACTS.MNQ!.id, -1, -300, 0.37)] });
    account.startNewDay();
    expect([account.realizedPnl(), account.tradeCount(), account.fees()]).toEqual([0, 0, 0]);
  });
});
