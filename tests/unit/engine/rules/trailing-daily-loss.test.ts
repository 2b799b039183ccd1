import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/main/config/loader';
import { ruleStrictness } from '../../../../src/main/config/strictness';
import type { AccountState } from '../../../../src/main/engine/account-state';
import {
  trailingDailyLossConfigSchema,
  trailingDailyLossRule,
  type TrailingDailyLossConfig,
} from '../../../../src/main/engine/rules/trailing-daily-loss';
import { accountWith, CONTRACTS, contextOf, fill, position } from '../../../helpers/states';

const ES = CONTRACTS.ES!.id;
const ruleOf = (config: Partial<TrailingDailyLossConfig>) => trailingDailyLossRule(trailingDailyLossConfigSchema.parse(config));

/** Realized P&L moves by each of `steps` in turn, the pipeline following the day's high after each (as it does on every event). */
function realizedPath(...steps: number[]): AccountState {
  const account = accountWith();
  for (const step of steps) {
    account.apply({ type: 'fill', fill: fill(ES, -1, step) });
    account.dayHigh.follow(account);
  }
  return account;
}

/** One ES long from 6000 (ES: $50 a point), marked at each price in turn and followed; no fees. */
function openPath(...marks: number[]): AccountState {
  const account = accountWith({ positions: [position('ES', 1, 6000)] });
  for (const lastPrice of marks) {
    account.market.applyQuote({ contractId: ES, lastPrice, bestBid: null, bestAsk: null, timestamp: '' });
    account.dayHigh.follow(account);
  }
  return account;
}

const breached = (config: Partial<TrailingDailyLossConfig>, account: AccountState) =>
  ruleOf({ distance: 500, ...config }).evaluate(contextOf(account)).length > 0;

describe('RULE-014 trailing_daily_loss', () => {
  it.each([
    { pnl: -499.99, breach: false },
    { pnl: -500, breach: true },
    { pnl: -500.01, breach: true },
  ])('with no gains today the floor is −distance, like a daily loss limit: realized $pnl → breach $breach', ({ pnl, breach }) => {
    expect(breached({}, realizedPath(pnl))).toBe(breach);
  });

  it.each([
    { pullback: -499.99, breach: false },
    { pullback: -500, breach: true },
  ])('trails the realized high: +600 then $pullback leaves the floor at +100 → breach $breach', ({ pullback, breach }) => {
    expect(breached({}, realizedPath(600, pullback))).toBe(breach);
  });

  it('keeps the floor where the high put it while the P&L comes back down in steps', () => {
    expect(breached({}, realizedPath(600, -200, -200, -99.99))).toBe(false);
    expect(breached({}, realizedPath(600, -200, -200, -100))).toBe(true);
  });

  it.each([
    { price: 6002.25, breach: false }, // +$112.50
    { price: 6002, breach: true }, // +$100.00
  ])('measure total trails the open gain: ES long from 6000, marked 6012 (+600) then $price → breach $breach', ({ price, breach }) => {
    expect(breached({ measure: 'total' }, openPath(6012, price))).toBe(breach);
  });

  it('measure realized ignores an open gain that was never taken', () => {
    expect(breached({ measure: 'realized' }, openPath(6012, 6002))).toBe(false);
  });

  it.each([
    { pullback: -799.99, breach: false },
    { pullback: -800, breach: true },
  ])('stop_trailing_at 500 holds the floor at 0 once the high passes it: +800 then $pullback → breach $breach', ({ pullback, breach }) => {
    expect(breached({ stop_trailing_at: 500 }, realizedPath(800, pullback))).toBe(breach);
  });

  it('trails as usual below stop_trailing_at', () => {
    expect(breached({ stop_trailing_at: 500 }, realizedPath(300, -499.99))).toBe(false);
    expect(breached({ stop_trailing_at: 500 }, realizedPath(300, -500))).toBe(true);
  });

  it('judges nothing while an open position has no price yet, rather than take its P&L as 0 against a restored high', () => {
    const account = accountWith({ positions: [position('ES', 1, 6000)] });
    account.dayHigh.restore({ day: '2026-11-24', realized: 0, total: 600 }, '2026-11-24');
    const rule = ruleOf({ distance: 500, measure: 'total' });
    expect(rule.evaluate(contextOf(account))).toEqual([]);
    expect(rule.measure(contextOf(account))).toMatchObject({
      usage: 0,
      summary: 'P&L (realized + open) not known until every open position has a price; floor +$100.00 (high +$600.00 − $500.00)',
    });
  });

  it('counts the P&L now as the high even before the pipeline has followed it', () => {
    const account = accountWith({ fills: [fill(ES, -1, 600)] });
    expect(ruleOf({ distance: 500 }).measure(contextOf(account))).toMatchObject({ value: 600, limit: 100, usage: 0 });
  });

  it('starts a new trading day with the floor back at −distance', () => {
    const account = realizedPath(600, -300);
    account.startNewDay();
    expect(ruleOf({ distance: 500 }).measure(contextOf(account))).toMatchObject({ value: 0, limit: -500, usage: 0 });
  });

  it('flattens and locks until the reset, saying the P&L, the floor and where it comes from', () => {
    const [breach] = ruleOf({ distance: 500 }).evaluate(contextOf(realizedPath(600, -500)));
    expect(breach).toMatchObject({
      ruleId: 'RULE-014',
      category: 'hardLockout',
      remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
      value: 100,
      limit: 100,
      message: 'Realized P&L +$100.00 has reached the trailing floor +$100.00 (high +$600.00 − $500.00)',
    });
  });

  it('shows on its card the P&L, the floor and how far toward it the P&L has come from the high', () => {
    const rule = ruleOf({ distance: 500 });
    expect(rule.measure(contextOf(realizedPath(600, -480)))).toEqual({
      value: 120,
      limit: 100,
      usage: 0.96,
      summary: 'Realized P&L +$120.00, floor +$100.00 (high +$600.00 − $500.00)',
    });
    expect(rule.measure(contextOf(realizedPath(600))).usage).toBe(0);
    expect(rule.measure(contextOf(realizedPath(600, -500))).usage).toBe(1);
    expect(ruleOf({ distance: 500, stop_trailing_at: 500 }).measure(contextOf(realizedPath(800, -100))).summary).toBe(
      'Realized P&L +$700.00, floor $0.00 (high +$800.00, trailing stopped at +$500.00 − $500.00)',
    );
    expect(ruleOf({ distance: 500, measure: 'total' }).measure(contextOf(openPath(6012, 6010))).summary).toBe(
      'P&L (realized + open) +$500.00, floor +$100.00 (high +$600.00 − $500.00)',
    );
  });

  it('describes itself with its figures', () => {
    expect(ruleOf({ distance: 500 }).description).toBe(
      "Flattens and locks until the daily reset when today's realized P&L (net of fees) falls $500.00 below the day's high (floor -$500.00 with no gains)",
    );
    expect(ruleOf({ distance: 400, measure: 'total', stop_trailing_at: 400 }).description).toBe(
      "Flattens and locks until the daily reset when today's P&L, realized (net of fees) plus open, falls $400.00 below the day's high (floor -$400.00 with no gains); the floor stops rising once the high reaches +$400.00 (floor $0.00)",
    );
  });

  it.each([
    ['distance: 0', 'rules.trailing_daily_loss.distance must be positive'],
    ['distance: -500', 'rules.trailing_daily_loss.distance must be positive'],
    ['distance: 500, measure: open', 'rules.trailing_daily_loss.measure must be realized or total (realized + open P&L), got "open"'],
    ['distance: 500, stop_trailing_at: 0', 'rules.trailing_daily_loss.stop_trailing_at must be positive'],
    ['distance: 500, trail: 100', 'trail'],
  ])('refuses { %s } with a message naming the key', (settings, message) => {
    expect(() => parseConfig(`rules:\n  trailing_daily_loss: { ${settings} }\n`, 'risk-config.yaml')).toThrow(message);
  });

  it.each([
    [{ distance: 500 }, { distance: 400 }, 'tighter'],
    [{ distance: 500 }, { distance: 600 }, 'looser'],
    [{ distance: 500, measure: 'realized' }, { distance: 500, measure: 'total' }, 'tighter'],
    [{ distance: 500, measure: 'total' }, { distance: 500, measure: 'realized' }, 'looser'],
    [{ distance: 500, stop_trailing_at: 500 }, { distance: 500, stop_trailing_at: 800 }, 'tighter'],
    [{ distance: 500, stop_trailing_at: 500 }, { distance: 500, stop_trailing_at: 300 }, 'looser'],
    [{ distance: 500 }, { distance: 500, stop_trailing_at: 500 }, 'looser'],
  ])('a reload from %j to %j is %s', (before, after, expected) => {
    expect(ruleStrictness('trailing_daily_loss', before, after)).toBe(expected);
  });
});
