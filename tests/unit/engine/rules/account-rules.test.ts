import { describe, expect, it } from 'vitest';
import { authLossGuardRule } from '../../../../src/main/engine/rules/auth-loss-guard';
import { dailyRealizedProfitConfigSchema, dailyRealizedProfitRule } from '../../../../src/main/engine/rules/daily-realized-profit';
import { symbolBlocksConfigSchema, symbolBlocksRule } from '../../../../src/main/engine/rules/symbol-blocks';
import { accountWith, CONTRACTS, contextOf, fill, order, position } from '../../../helpers/states';

describe('RULE-013 daily_realized_profit', () => {
  const rule = dailyRealizedProfitRule(dailyRealizedProfitConfigSchema.parse({ target: 1000, message: 'Green day. Done.' }));
  it.each([
    { pnl: 999.99, breach: false },
    { pnl: 1000, breach: true },
    { pnl: 1000.01, breach: true },
    { pnl: 1500, breach: true },
    { pnl: -200, breach: false },
  ])('target 1000, realized $pnl → breach $breach (reaching the target breaks it)', ({ pnl, breach }) => {
    expect(rule.evaluate(contextOf(accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, pnl)] }))).length > 0).toBe(breach);
  });

  it.each([
    { gross: 1002.79, breach: false },
    { gross: 1002.8, breach: true },
    { gross: 1002.81, breach: true },
  ])('counts fees: a gross $gross with $2.80 fees is one cent short of, at or past 1000 net → breach $breach', ({ gross, breach }) => {
    const account = accountWith({ fills: [fill(CONTRACTS.ES!.id, 1, null, 1.4), fill(CONTRACTS.ES!.id, -1, gross, 1.4)] });
    expect(rule.evaluate(contextOf(account)).length > 0).toBe(breach);
  });

  it('flattens and locks until reset with the trader\u2019s message', () => {
    const [breach] = rule.evaluate(contextOf(accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, 1200)] })));
    expect(breach).toMatchObject({ category: 'hardLockout', remedy: { kind: 'flatten', lock: { kind: 'untilReset' } } });
    expect(breach?.message).toContain('Green day. Done.');
  });
});

describe('RULE-011 symbol_blocks', () => {
  const rule = symbolBlocksRule(symbolBlocksConfigSchema.parse({ blocked_symbols: ['NQ', 'CL'] }));
  it('closes a blocked position and cancels a blocked order, and leaves the rest', () => {
    const account = accountWith({ positions: [position('NQ', 1), position('MNQ', 1)] });
    account.apply({
      type: 'order',
      order: order(9, CONTRACTS.CL!.id, { limitPrice: 60 }),
    });
    expect(rule.evaluate(contextOf(account)).map((b) => b.remedy)).toEqual([
      { kind: 'closePosition', contractId: CONTRACTS.NQ!.id },
      { kind: 'cancelOrder', orderId: 9, contractId: CONTRACTS.CL!.id },
    ]);
  });
  it('blocks by the traded symbol whatever the id says: 6E trades as CON.F.US.EU6.*, ZN as CON.F.US.TYA.*', () => {
    const fx = symbolBlocksRule(symbolBlocksConfigSchema.parse({ blocked_symbols: ['6E', 'ZN'] }));
    const account = accountWith({ positions: [position('6E', 1), position('CL', 1)] });
    account.apply({ type: 'order', order: order(9, CONTRACTS.ZN!.id, { limitPrice: 112 }) });
    expect(fx.evaluate(contextOf(account)).map((b) => b.message)).toEqual([
      '6E is a blocked symbol: position closed',
      'ZN is a blocked symbol: order cancelled',
    ]);
  });
  it('matches no blocked symbol on a contract whose spec is not known, rather than guess one from the id', () => {
    const account = accountWith();
    account.apply({ type: 'order', order: order(9, 'CON.F.US.CLE.F27', { limitPrice: 60 }) });
    expect(rule.evaluate(contextOf(account))).toEqual([]);
  });
  it('passes an account with nothing blocked', () => {
    expect(rule.evaluate(contextOf(accountWith({ positions: [position('MNQ', 3)] })))).toEqual([]);
  });
});

describe('RULE-010 auth_loss_guard', () => {
  const rule = authLossGuardRule({ enabled: true });
  it('suspends gateway calls while the broker refuses the account', () => {
    const account = accountWith();
    expect(rule.evaluate(contextOf(account))).toEqual([]);
    account.apply({ type: 'account', account: { ...account.account, canTrade: false } });
    expect(rule.evaluate(contextOf(account))[0]).toMatchObject({
      remedy: { kind: 'suspend' },
      message: 'trading disabled: the broker does not allow this account to trade',
    });
  });
  it('suspends while the session is logged out', () => {
    expect(rule.evaluate({ ...contextOf(accountWith()), loggedOut: true })[0]?.message).toContain('logged out');
  });
});
