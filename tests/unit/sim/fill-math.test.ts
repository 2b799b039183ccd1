import { describe, expect, it } from 'vitest';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../../src/main/sim/contracts';
import { alignToTick, applyFill, balanceAfter, feesFor, roundPrice } from '../../../src/main/sim/fill-math';

const { MNQ, NQ, ES, MES } = SIM_CONTRACTS_BY_SYMBOL;
const flat = { size: 0, averagePrice: 0 };

describe('a fill into a position (average cost)', () => {
  it('opens from flat at the fill price, with no realized P&L', () => {
    expect(applyFill(flat, 2, 21000, MNQ)).toEqual({ size: 2, averagePrice: 21000, profitAndLoss: null, opened: true });
  });

  it('realizes $16 on 2 MNQ bought at 21000 and sold at 21004, and keeps the last average on the close', () => {
    const long = applyFill(flat, 2, 21000, MNQ);
    expect(applyFill(long, -2, 21004, MNQ)).toEqual({ size: 0, averagePrice: 21000, profitAndLoss: 16, opened: false });
  });

  it.each([
    ['a short covered lower', NQ, { size: -1, averagePrice: 21000 }, 1, 20990, { size: 0, averagePrice: 21000, profitAndLoss: 200 }],
    ['a long partly closed', MNQ, { size: 3, averagePrice: 21000 }, -1, 21002, { size: 2, averagePrice: 21000, profitAndLoss: 4 }],
    ['a long closed at a loss', ES, { size: 1, averagePrice: 6000 }, -1, 5999.75, { size: 0, averagePrice: 6000, profitAndLoss: -12.5 }],
  ])('realizes %s', (_, contract, holding, signed, price, expected) => {
    expect(applyFill(holding, signed, price, contract)).toEqual({ ...expected, opened: false });
  });

  it('averages a scale-in off the tick grid and realizes the exact difference, in cents', () => {
    const first = applyFill(flat, 1, 6000, ES);
    const added = applyFill(first, 2, 6001, ES);
    expect(added).toEqual({ size: 3, averagePrice: 6000.666666667, profitAndLoss: null, opened: false });
    expect(applyFill(added, -3, 6002, ES).profitAndLoss).toBe(200);
  });

  it('reverses through flat: realizes the closed part and opens the rest at the fill price', () => {
    expect(applyFill({ size: 1, averagePrice: 6000 }, -3, 5998, MES)).toEqual({
      size: -2,
      averagePrice: 5998,
      profitAndLoss: -10,
      opened: true,
    });
  });
});

describe('fees and balance', () => {
  it.each([
    ['MNQ', 1, 0.37],
    ['MNQ', 2, 0.74],
    ['NQ', 3, 4.2],
    ['ES', 1, 1.4],
  ] as const)('charges %s × %i contracts $%d a side, in cents', (symbol, size, fees) => {
    expect(feesFor(SIM_CONTRACTS_BY_SYMBOL[symbol], size)).toBe(fees);
  });

  it('moves the balance by the realized P&L less fees, to the cent', () => {
    expect(balanceAfter(50_000, 16, 0.74)).toBe(50_015.26);
    expect(balanceAfter(50_000, null, 0.74)).toBe(49_999.26);
  });
});

describe('prices', () => {
  it('rounds away binary floating-point noise at 9 decimals', () => {
    expect(roundPrice(0.1 + 0.2)).toBe(0.3);
    expect(roundPrice(6000.6666666666)).toBe(6000.666666667);
  });

  it.each([
    [21000.1, 0.25, 21000],
    [21000.13, 0.25, 21000.25],
    [70.123, 0.01, 70.12],
  ])('aligns %d to the %d tick grid: %d', (price, tick, aligned) => {
    expect(alignToTick(price, tick)).toBe(aligned);
  });
});
