import { describe, expect, it } from 'vitest';
import { unrealizedPnl } from '../../../src/main/engine/pnl';
import { CONTRACTS } from '../../helpers/states';

describe('unrealized P&L from tick size and tick value', () => {
  it.each([
    { symbol: 'MNQ', size: 2, avg: 21000, mark: 21010, expected: 40 }, // 40 ticks × $0.50 × 2
    { symbol: 'MNQ', size: -2, avg: 21000, mark: 21010, expected: -40 },
    { symbol: 'NQ', size: 1, avg: 21000, mark: 20987.5, expected: -250 }, // 50 ticks × $5
    { symbol: 'NQ', size: -1, avg: 21000, mark: 20987.5, expected: 250 },
    { symbol: 'ES', size: 3, avg: 6000, mark: 6002.25, expected: 337.5 }, // 9 ticks × $12.50 × 3
    { symbol: 'ES', size: -3, avg: 6000, mark: 6002.25, expected: -337.5 },
    { symbol: 'MES', size: 1, avg: 6000.1, mark: 6000.35, expected: 1.25 }, // float noise rounds to one tick
  ])('$symbol size $size from $avg at $mark → $expected', ({ symbol, size, avg, mark, expected }) => {
    expect(unrealizedPnl({ size, averagePrice: avg }, CONTRACTS[symbol]!, mark)).toBeCloseTo(expected, 9);
  });
});
