import { describe, expect, it } from 'vitest';
import { dailyUnrealizedLossConfigSchema, dailyUnrealizedLossRule } from '../../../../src/main/engine/rules/daily-unrealized-loss';
import { maxUnrealizedProfitConfigSchema, maxUnrealizedProfitRule } from '../../../../src/main/engine/rules/max-unrealized-profit';
import { accountWith, CONTRACTS, contextOf, position } from '../../../helpers/states';

const stop = dailyUnrealizedLossRule(dailyUnrealizedLossConfigSchema.parse({ limit: -300 }));
const take = maxUnrealizedProfitRule(maxUnrealizedProfitConfigSchema.parse({ target: 500 }));
// ES: $12.50 a tick, $50 a point. Long 1 from 6000.
const esAt = (mark: number, size = 1) => accountWith({ positions: [position('ES', size, 6000)], marks: { [CONTRACTS.ES!.id]: mark } });

describe('RULE-004 daily_unrealized_loss (per-position stop)', () => {
  it.each([
    { mark: 5994.25, pnl: -287.5, breach: false },
    { mark: 5994, pnl: -300, breach: true }, // at the limit: the stop is hit
    { mark: 5993.75, pnl: -312.5, breach: true },
    { mark: 6010, pnl: 500, breach: false },
  ])('long ES marked at $mark ($pnl) → breach $breach', ({ mark, breach }) => {
    expect(stop.evaluate(contextOf(esAt(mark))).length > 0).toBe(breach);
  });

  it('closes only the losing position, short or long', () => {
    const account = accountWith({
      positions: [position('ES', -1, 6000), position('MNQ', 1, 21000)],
      marks: { [CONTRACTS.ES!.id]: 6006, [CONTRACTS.MNQ!.id]: 21001 },
    });
    expect(stop.evaluate(contextOf(account)).map((b) => b.remedy)).toEqual([{ kind: 'closePosition', contractId: CONTRACTS.ES!.id }]);
  });

  it('needs a mark: no quote yet, no breach', () => {
    expect(stop.evaluate(contextOf(accountWith({ positions: [position('ES', 1, 6000)] })))).toEqual([]);
  });

  it('measures the worst open position', () => {
    expect(stop.measure(contextOf(esAt(5997)))).toEqual({ value: -150, limit: -300, usage: 0.5 });
  });
});

describe('RULE-005 max_unrealized_profit (per-position take-profit)', () => {
  it.each([
    { mark: 6009.75, breach: false },
    { mark: 6010, breach: true },
    { mark: 5990, breach: false },
  ])('long ES marked at $mark → breach $breach', ({ mark, breach }) => {
    expect(take.evaluate(contextOf(esAt(mark))).length > 0).toBe(breach);
  });

  it('counts a short that gained as a profit', () => {
    const account = accountWith({ positions: [position('ES', -2, 6000)], marks: { [CONTRACTS.ES!.id]: 5995 } });
    expect(take.evaluate(contextOf(account))[0]).toMatchObject({
      value: 500,
      remedy: { kind: 'closePosition', contractId: CONTRACTS.ES!.id },
    });
  });
});
