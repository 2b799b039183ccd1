import { describe, expect, it } from 'vitest';
import type { AccountState } from '../../../../src/main/engine/account-state';
import { stopMovedAwayConfigSchema, stopMovedAwayRule } from '../../../../src/main/engine/rules/stop-moved-away';
import { tradeManagementConfigSchema, tradeManagementRule } from '../../../../src/main/engine/rules/trade-management';
import { plan } from '../../../../src/main/enforcement/planner';
import type { Order } from '../../../../src/shared/domain';
import { accountWith, CONTRACTS, contextOf, fill, order, position } from '../../../helpers/states';

const MNQ = CONTRACTS.MNQ!.id;
const ruleWith = (settings: Record<string, unknown> = {}) =>
  stopMovedAwayRule(stopMovedAwayConfigSchema.parse(settings), { timezone: 'America/Chicago' });
const sellStop = (over: Partial<Order> = {}) =>
  order(50, MNQ, { kind: 'stop', side: 'sell', size: 2, limitPrice: null, stopPrice: 20990, ...over });
/** 2 MNQ long at 21000 with its sell stop working at 20990. */
const protectedLong = (stop: Order = sellStop()) => {
  const account = accountWith({ positions: [position('MNQ', 2, 21000)], marks: { [MNQ]: 21000 } });
  account.apply({ type: 'order', order: stop });
  return account;
};
/** The order event of a modify, judged as the pipeline judges it. */
const modify = (account: AccountState, changed: Order, rule = ruleWith()) => {
  account.apply({ type: 'order', order: changed });
  return rule.evaluate(contextOf(account, { type: 'order', order: changed }));
};

describe('RULE-019 stop_moved_away', () => {
  it.each([
    { change: 'lowered one tick under the long (a widen)', over: { stopPrice: 20989.75 }, breach: true },
    { change: 'raised towards the price (a tighten)', over: { stopPrice: 20995 }, breach: false },
    { change: 'resized, its price unchanged (an unrelated modify)', over: { size: 1 }, breach: false },
  ])('a sell stop $change → breach $breach', ({ over, breach }) => {
    expect(modify(protectedLong(), sellStop(over)).length > 0).toBe(breach);
  });

  it('refuses a widen by putting the stop back where it was', () => {
    const [breach] = modify(protectedLong(), sellStop({ stopPrice: 20980 }));
    expect(breach).toMatchObject({
      ruleId: 'RULE-019',
      category: 'tradeByTrade',
      remedy: { kind: 'moveStop', contractId: MNQ, orderId: 50, stopPrice: 20990, size: 2, side: 'sell' },
      message: 'MNQ stop moved away from 20990 to 20980, widening the risk',
      value: 20980,
      limit: 20990,
    });
  });

  it('sees a buy stop raised over a short as a widen, and lowered as a tighten', () => {
    const buyStop = sellStop({ side: 'buy', stopPrice: 21010 });
    const account = accountWith({ positions: [position('MNQ', -2, 21000)], marks: { [MNQ]: 21000 } });
    account.apply({ type: 'order', order: buyStop });
    expect(modify(account, { ...buyStop, stopPrice: 21005 })).toEqual([]);
    expect(modify(account, { ...buyStop, stopPrice: 21020 })[0]?.remedy).toMatchObject({ kind: 'moveStop', stopPrice: 21005 });
  });

  it.each([
    ['a trailing stop', { kind: 'trailingStop' as const }],
    ['a stop-limit', { kind: 'stopLimit' as const, limitPrice: 20985 }],
    ['a suspended bracket stop', { state: 'suspended' as const }],
  ])('judges %s as a stop', (_, over) => {
    const stop = sellStop(over);
    expect(modify(protectedLong(stop), { ...stop, stopPrice: 20980 })).toHaveLength(1);
  });

  it('leaves a stop that covers no position alone: on a flat contract, or on the entry side', () => {
    const flat = accountWith({ marks: { [MNQ]: 21000 } });
    flat.apply({ type: 'order', order: sellStop() });
    expect(modify(flat, sellStop({ stopPrice: 20980 }))).toEqual([]);
    const entry = sellStop({ side: 'buy', stopPrice: 21010 });
    expect(modify(protectedLong(entry), { ...entry, stopPrice: 21020 })).toEqual([]);
  });

  it('judges a move once: the same order event again, a new stop, or a reconcile moves nothing', () => {
    const account = protectedLong();
    expect(modify(account, sellStop({ stopPrice: 20980 }))).toHaveLength(1);
    expect(modify(account, sellStop({ stopPrice: 20980 }))).toEqual([]);
    expect(modify(account, sellStop({ id: 51, stopPrice: 20900 }))).toEqual([]);
    account.reconcile({ accountId: 1, positions: [position('MNQ', 2, 21000)], orders: [sellStop({ stopPrice: 20970 })], fills: [] });
    expect(ruleWith().evaluate(contextOf(account, null))).toEqual([]);
  });

  it('only warns while a fill of the contract is on its way: the position may already be gone', () => {
    const account = protectedLong();
    account.apply({ type: 'fill', fill: fill(MNQ, -1, 5) });
    expect(account.settled(MNQ)).toBe(false);
    expect(modify(account, sellStop({ stopPrice: 20980 })).map((b) => b.remedy)).toEqual([{ kind: 'alert' }]);
  });

  it.each([
    { remedy: 'warn', expected: [{ kind: 'alert' }] },
    { remedy: 'close', expected: [{ kind: 'closePosition', contractId: MNQ }] },
    { remedy: 'cooldown', cooldown: '1h', expected: [{ kind: 'flatten', lock: { kind: 'cooldown', durationMs: 3_600_000 } }] },
  ])('remedy $remedy', ({ remedy, cooldown, expected }) => {
    expect(modify(protectedLong(), sellStop({ stopPrice: 20980 }), ruleWith({ remedy, cooldown })).map((b) => b.remedy)).toEqual(expected);
  });

  it('shows the latest widen on its card and says what it does', () => {
    const rule = ruleWith();
    const account = protectedLong();
    expect(rule.measure(contextOf(account)).summary).toBe('No stop moved away today');
    modify(account, sellStop({ stopPrice: 20980 }), rule);
    modify(account, sellStop({ stopPrice: 20970 }), rule);
    expect(rule.measure(contextOf(account))).toMatchObject({
      value: 2,
      usage: 0,
      summary: 'Stop on MNQ moved away at 9:00 AM CT (2 times today)',
    });
    expect(rule.description).toBe('Watches for a stop moved farther from the price (more risk); puts it back where it was');
    expect(ruleWith({ remedy: 'warn' }).description).toMatch(/; warns$/);
  });

  it('puts the stop back even when trade management would move the widened stop to a looser price in the same event', () => {
    const account = accountWith({ positions: [position('MNQ', 2, 21000)], marks: { [MNQ]: 21002 } });
    account.apply({ type: 'order', order: sellStop({ stopPrice: 21001 }) });
    const widened = sellStop({ stopPrice: 20980 });
    account.apply({ type: 'order', order: widened });
    const context = contextOf(account, { type: 'order', order: widened });
    const management = tradeManagementRule(tradeManagementConfigSchema.parse({ auto_breakeven: { profit_ticks: 4 } }));
    const breaches = [...management.evaluate(context), ...ruleWith().evaluate(context)];
    expect(breaches.map((b) => b.remedy)).toMatchObject([{ stopPrice: 21000 }, { stopPrice: 21001 }]);
    expect(plan(account, breaches)?.actions).toMatchObject([{ kind: 'moveStop', ruleId: 'RULE-019', stopPrice: 21001 }]);
  });
});
