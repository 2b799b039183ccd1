import { describe, expect, it } from 'vitest';
import { dailyRealizedLossConfigSchema, dailyRealizedLossRule } from '../../../../src/main/engine/rules/daily-realized-loss';
import { accountWith, CONTRACTS, contextOf, fill, position } from '../../../helpers/states';

const rule = (limit: number, includeUnrealized = false) =>
  dailyRealizedLossRule(dailyRealizedLossConfigSchema.parse({ limit, include_unrealized: includeUnrealized }));

describe('RULE-003 daily_realized_loss', () => {
  it.each([
    { pnl: -400, breach: false },
    { pnl: -499.99, breach: false },
    { pnl: -500, breach: true },
    { pnl: -500.01, breach: true },
    { pnl: -1000, breach: true },
    { pnl: 250, breach: false },
  ])('limit −500, P&L $pnl → breach $breach (reaching the limit breaks it)', ({ pnl, breach }) => {
    const account = accountWith({ fills: [fill(CONTRACTS.MNQ!.id, -1, pnl)] });
    const breaches = rule(-500).evaluate(contextOf(account));
    expect(breaches.length > 0).toBe(breach);
  });

  it.each([
    { gross: -497.19, breach: false },
    { gross: -497.2, breach: true },
    { gross: -497.21, breach: true },
  ])('with $2.80 fees, a gross $gross is one cent before, at or past −500 net → breach $breach', ({ gross, breach }) => {
    const account = accountWith({ fills: [fill(CONTRACTS.NQ!.id, 1, null, 1.4), fill(CONTRACTS.NQ!.id, -1, gross, 1.4)] });
    expect(rule(-500).evaluate(contextOf(account)).length > 0).toBe(breach);
  });

  it.each([
    { realized: -299.99, breach: false },
    { realized: -300, breach: true },
    { realized: -300.01, breach: true },
  ])('with include_unrealized, $realized realized and −200 open reach −500 → breach $breach', ({ realized, breach }) => {
    // Long 1 MNQ at 21000 marked at 20900: 400 ticks × $0.50 = −200 open.
    const account = accountWith({
      fills: [fill(CONTRACTS.ES!.id, -1, realized)],
      positions: [position('MNQ', 1, 21000)],
      marks: { [CONTRACTS.MNQ!.id]: 20900 },
    });
    expect(rule(-500, true).evaluate(contextOf(account)).length > 0).toBe(breach);
  });

  it('counts fees against the limit: −499 gross with $2.80 fees is past −500', () => {
    const account = accountWith({ fills: [fill(CONTRACTS.NQ!.id, 1, null, 1.4), fill(CONTRACTS.NQ!.id, -1, -499, 1.4)] });
    const [breach] = rule(-500).evaluate(contextOf(account));
    expect(breach?.value).toBe(-501.8);
  });

  it('sums losses across symbols: MNQ −200, NQ −250 hold; ES −100 more breaks −500', () => {
    const fills = [fill(CONTRACTS.MNQ!.id, -1, -200), fill(CONTRACTS.NQ!.id, -1, -250)];
    expect(rule(-500).evaluate(contextOf(accountWith({ fills })))).toEqual([]);
    const breaches = rule(-500).evaluate(contextOf(accountWith({ fills: [...fills, fill(CONTRACTS.ES!.id, -1, -100)] })));
    expect(breaches).toHaveLength(1);
  });

  it('asks to flatten and lock until the next reset', () => {
    const [breach] = rule(-500).evaluate(contextOf(accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, -600)] })));
    expect(breach).toMatchObject({
      ruleId: 'RULE-003',
      category: 'hardLockout',
      remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
      value: -600,
      limit: -500,
    });
  });

  it('ignores open losses unless include_unrealized is set', () => {
    // Long 2 ES at 6000 marked at 5995: 2 × 20 ticks × 12.50 = −500 unrealized; with −50 realized → −550.
    const account = accountWith({
      positions: [position('ES', 2, 6000)],
      marks: { [CONTRACTS.ES!.id]: 5995 },
      fills: [fill(CONTRACTS.ES!.id, -1, -50)],
    });
    expect(rule(-500).evaluate(contextOf(account))).toEqual([]);
    expect(rule(-500, true).evaluate(contextOf(account))[0]?.value).toBe(-550);
  });

  it('measures how much of the limit is used', () => {
    const account = accountWith({ fills: [fill(CONTRACTS.MNQ!.id, -1, -400)] });
    expect(rule(-500).measure(contextOf(account))).toEqual({ value: -400, limit: -500, usage: 0.8 });
    expect(rule(-500).measure(contextOf(accountWith({ fills: [fill(CONTRACTS.MNQ!.id, -1, 300)] }))).usage).toBe(0);
  });

  it('refuses a positive limit', () => {
    expect(() => dailyRealizedLossConfigSchema.parse({ limit: 500 })).toThrow(/must be negative/);
  });
});
