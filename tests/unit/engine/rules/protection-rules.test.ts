import { describe, expect, it } from 'vitest';
import { noStopLossGraceConfigSchema, noStopLossGraceRule } from '../../../../src/main/engine/rules/no-stop-loss-grace';
import { tradeManagementConfigSchema, tradeManagementRule } from '../../../../src/main/engine/rules/trade-management';
import type { Order } from '../../../../src/shared/domain';
import { accountWith, CONTRACTS, contextOf, fill, position } from '../../../helpers/states';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const stopOrder = (over: Partial<Order> = {}): Order => ({
  id: 50,
  accountId: 1,
  contractId: CONTRACTS.MNQ!.id,
  kind: 'stop',
  side: 'sell',
  size: 2,
  state: 'open',
  limitPrice: null,
  stopPrice: 20990,
  ...over,
});

describe('RULE-008 no_stop_loss_grace', () => {
  const rule = noStopLossGraceRule(noStopLossGraceConfigSchema.parse({ grace_period_seconds: 10 }));
  const at = (account: ReturnType<typeof accountWith>, now: number) => {
    account.updateProtection(now);
    return rule.evaluate({ ...contextOf(account), now });
  };

  it('closes a position left without a stop past the grace period, not before', () => {
    const account = accountWith({ positions: [position('MNQ', 2, 21000)] });
    expect(at(account, T0)).toEqual([]);
    expect(at(account, T0 + 10_000)).toEqual([]);
    expect(at(account, T0 + 10_001)[0]?.remedy).toEqual({ kind: 'closePosition', contractId: CONTRACTS.MNQ!.id });
  });

  it.each([
    ['a stop', { kind: 'stop' as const }, true],
    ['a trailing stop', { kind: 'trailingStop' as const }, true],
    ['a stop-limit (type 3)', { kind: 'stopLimit' as const }, true],
    ['a suspended bracket stop', { state: 'suspended' as const }, true],
    ['a stop on the wrong side', { side: 'buy' as const }, false],
    ['a limit order', { kind: 'limit' as const }, false],
    ['a stop in another contract', { contractId: CONTRACTS.ES!.id }, false],
  ])('counts %s as protection: %s', (_, over, protects) => {
    const account = accountWith({ positions: [position('MNQ', 2, 21000)] });
    account.apply({ type: 'order', order: stopOrder(over) });
    at(account, T0);
    expect(at(account, T0 + 60_000).length === 0).toBe(protects);
  });

  it('restarts the grace period when the stop is cancelled later', () => {
    const account = accountWith({ positions: [position('MNQ', 2, 21000)] });
    account.apply({ type: 'order', order: stopOrder() });
    at(account, T0);
    account.apply({ type: 'order', order: stopOrder({ state: 'cancelled' }) });
    expect(at(account, T0 + 60_000)).toEqual([]);
    expect(at(account, T0 + 70_001)).toHaveLength(1);
  });
});

describe('RULE-012 trade_management', () => {
  const rule = tradeManagementRule(
    tradeManagementConfigSchema.parse({
      auto_breakeven: { profit_ticks: 4, offset_ticks: 1 },
      trailing_stop: { activation_ticks: 8, trail_ticks: 4 },
    }),
  );
  // MNQ tick 0.25. Long 2 from 21000.
  const long = (mark: number, stop?: Partial<Order>) => {
    const account = accountWith({ positions: [position('MNQ', 2, 21000)], marks: { [CONTRACTS.MNQ!.id]: mark } });
    if (stop) account.apply({ type: 'order', order: stopOrder(stop) });
    return rule.evaluate(contextOf(account)).map((b) => b.remedy);
  };

  it('does nothing until the position is far enough in profit', () => {
    expect(long(21000.75)).toEqual([]);
  });

  it('moves the existing stop to entry + offset at 4 ticks of profit', () => {
    expect(long(21001, {})).toEqual([
      { kind: 'moveStop', contractId: CONTRACTS.MNQ!.id, orderId: 50, stopPrice: 21000.25, size: 2, side: 'sell' },
    ]);
  });

  it('places a stop when the position has none', () => {
    expect(long(21001)).toEqual([
      { kind: 'moveStop', contractId: CONTRACTS.MNQ!.id, orderId: null, stopPrice: 21000.25, size: 2, side: 'sell' },
    ]);
  });

  it('trails 4 ticks behind the mark once 8 ticks in profit', () => {
    expect(long(21003, {})[0]).toMatchObject({ stopPrice: 21002 });
  });

  it('never widens a stop that is already tighter', () => {
    expect(long(21003, { stopPrice: 21002.5 })).toEqual([]);
  });

  it('works for shorts: the stop moves down', () => {
    const account = accountWith({ positions: [position('MNQ', -1, 21000)], marks: { [CONTRACTS.MNQ!.id]: 20997 } });
    expect(rule.evaluate(contextOf(account))[0]?.remedy).toMatchObject({ stopPrice: 20998, side: 'buy', orderId: null });
  });

  // Journey 2 of issue 14: the trailing stop fills; its order update comes before its trade and position messages.
  it('places no stop while a fill of the position is on its way: the stop that just filled, or a trade the broker has not confirmed', () => {
    const account = accountWith({ positions: [position('MNQ', 2, 21000)], marks: { [CONTRACTS.MNQ!.id]: 21002 } });
    account.apply({ type: 'order', order: stopOrder({ state: 'filled' }) });
    expect(rule.evaluate(contextOf(account))).toEqual([]);
    account.apply({ type: 'fill', fill: { ...fill(CONTRACTS.MNQ!.id, -2, 4), orderId: 50 } });
    expect(account.positions()).toEqual([]);
    account.apply({ type: 'fill', fill: fill(CONTRACTS.MNQ!.id, 2, null) });
    expect(rule.evaluate(contextOf(account))).toEqual([]);
    account.apply({ type: 'position', position: position('MNQ', 2, 21000) });
    expect(rule.evaluate(contextOf(account))).toHaveLength(1);
  });

  it('never locks: it is automation', () => {
    const account = accountWith({ positions: [position('MNQ', 2, 21000)], marks: { [CONTRACTS.MNQ!.id]: 21005 } });
    expect(rule.evaluate(contextOf(account))[0]?.category).toBe('automation');
  });
});
