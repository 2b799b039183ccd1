import { describe, expect, it } from 'vitest';
import { contractCount, maxContractsConfigSchema, maxContractsRule } from '../../../../src/main/engine/rules/max-contracts';
import { ruleState, warningStep } from '../../../../src/shared/rules';
import { accountWith, CONTRACTS, contextOf, position } from '../../../helpers/states';

const rule = (limit: number, countType: 'net' | 'gross' = 'net') =>
  maxContractsRule(maxContractsConfigSchema.parse({ limit, count_type: countType }));

describe('RULE-001 max_contracts', () => {
  it.each([
    { sizes: [], breach: false },
    { sizes: [4], breach: false },
    { sizes: [5], breach: false },
    { sizes: [6], breach: true },
    { sizes: [-6], breach: true },
    { sizes: [3, 3], breach: true },
  ])('limit 5, net positions $sizes → breach $breach', ({ sizes, breach }) => {
    const symbols = ['MNQ', 'NQ'] as const;
    const account = accountWith({ positions: sizes.map((size, i) => position(symbols[i]!, size)) });
    expect(rule(5).evaluate(contextOf(account)).length > 0).toBe(breach);
  });

  it('counts net as |Σ signed| and gross as Σ |size|', () => {
    const positions = [position('MNQ', 4), position('NQ', -3)];
    expect(contractCount(positions, 'net')).toBe(1);
    expect(contractCount(positions, 'gross')).toBe(7);
    expect(rule(5, 'net').evaluate(contextOf(accountWith({ positions })))).toEqual([]);
    expect(rule(5, 'gross').evaluate(contextOf(accountWith({ positions })))).toHaveLength(1);
  });

  it('closes the position whose change caused the breach', () => {
    const account = accountWith({ positions: [position('NQ', 5), position('MNQ', 1)] });
    const event = { type: 'position' as const, position: position('MNQ', 1) };
    const [breach] = rule(5).evaluate(contextOf(account, event));
    expect(breach).toMatchObject({
      ruleId: 'RULE-001',
      category: 'tradeByTrade',
      remedy: { kind: 'closePosition', contractId: CONTRACTS.MNQ!.id },
      value: 6,
      limit: 5,
    });
  });

  it('closes the largest position when no event names one (reconcile, timer)', () => {
    const account = accountWith({ positions: [position('NQ', 2), position('ES', 4)] });
    const [breach] = rule(5).evaluate(contextOf(account, null));
    expect(breach?.remedy).toEqual({ kind: 'closePosition', contractId: CONTRACTS.ES!.id });
  });

  it('does not blame another position for contracts whose close is already on its way', () => {
    const account = accountWith({ positions: [position('MNQ', 3), position('MES', 3)] });
    const quote = {
      type: 'quote' as const,
      quote: { contractId: CONTRACTS.MNQ!.id, lastPrice: 21000, bestBid: 21000, bestAsk: 21000.25, timestamp: '2026-11-24T15:00:00Z' },
    };
    expect(rule(5).evaluate({ ...contextOf(account, quote), closing: new Set([CONTRACTS.MES!.id]) })).toEqual([]);
    expect(rule(5).measure({ ...contextOf(account, null), closing: new Set([CONTRACTS.MES!.id]) }).value).toBe(3);
    expect(rule(2).evaluate({ ...contextOf(account, null), closing: new Set([CONTRACTS.MES!.id]) })[0]?.remedy).toEqual({
      kind: 'closePosition',
      contractId: CONTRACTS.MNQ!.id,
    });
  });

  it('on a net count, acts on a position on the net side: closing a short while net long would raise the count', () => {
    const account = accountWith({ positions: [position('MNQ', 10), position('ES', -4)] });
    const event = { type: 'position' as const, position: position('ES', -4) };
    expect(rule(5).evaluate(contextOf(account, event))[0]?.remedy).toEqual({ kind: 'closePosition', contractId: CONTRACTS.MNQ!.id });
    const shortSide = accountWith({ positions: [position('MNQ', 2), position('ES', -3), position('NQ', -9)] });
    expect(rule(5).evaluate(contextOf(shortSide))[0]?.remedy).toEqual({ kind: 'closePosition', contractId: CONTRACTS.NQ!.id });
  });

  it('follows a flip from long to short by its size, not its sign', () => {
    expect(rule(5).evaluate(contextOf(accountWith({ positions: [position('MNQ', -5)] })))).toEqual([]);
    expect(rule(5).evaluate(contextOf(accountWith({ positions: [position('MNQ', -7)] })))).toHaveLength(1);
  });

  it('refuses a limit that is not a whole positive number of contracts', () => {
    expect(() => maxContractsConfigSchema.parse({ limit: 0 })).toThrow(/at least 1/);
    expect(() => maxContractsConfigSchema.parse({ limit: 2.5 })).toThrow(/whole number/);
  });
});

describe('rule state shown on the dashboard', () => {
  it.each([
    [true, false, 0.49, {}, 'ok'],
    [true, false, 0.5, {}, 'warning'],
    [true, false, 0.9, {}, 'warning'],
    [true, true, 0.5, {}, 'breached'],
    [true, true, 1.2, { locked: true }, 'locked'],
    [true, true, 1.2, { locked: true, suspended: true }, 'suspended'],
    [false, true, 2, { locked: true }, 'off'],
  ] as const)('enabled %s, breached %s, usage %s, %o → %s', (enabled, breached, usage, flags, expected) => {
    expect(ruleState(enabled, breached, usage, flags)).toBe(expected);
  });

  it.each([
    [0.49, null],
    [0.5, 0.5],
    [0.69, 0.5],
    [0.7, 0.7],
    [0.85, 0.85],
    [3, 0.85],
  ])('usage %s reaches warning step %s', (usage, step) => {
    expect(warningStep(usage)).toBe(step);
  });
});
