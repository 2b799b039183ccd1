import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/main/config/loader';
import { ruleStrictness } from '../../../../src/main/config/strictness';
import type { AccountState } from '../../../../src/main/engine/account-state';
import {
  profitGivebackConfigSchema,
  profitGivebackRule,
  type ProfitGivebackConfig,
} from '../../../../src/main/engine/rules/profit-giveback';
import { accountWith, CONTRACTS, contextOf, fill, position } from '../../../helpers/states';

const ES = CONTRACTS.ES!.id;
const ruleOf = (config: Partial<ProfitGivebackConfig>) =>
  profitGivebackRule(profitGivebackConfigSchema.parse({ activate_at: 500, giveback_percent: 40, ...config }));

/** Realized P&L moves by each of `steps` in turn, the pipeline following the day's high after each. */
function realizedPath(...steps: number[]): AccountState {
  const account = accountWith();
  for (const step of steps) {
    account.apply({ type: 'fill', fill: fill(ES, -1, step) });
    account.dayHigh.follow(account);
  }
  return account;
}

const breached = (config: Partial<ProfitGivebackConfig>, account: AccountState) => ruleOf(config).evaluate(contextOf(account)).length > 0;

describe('RULE-015 profit_giveback', () => {
  it('is not armed below activate_at, however much of the high is given back', () => {
    expect(breached({}, realizedPath(499.99, -700))).toBe(false);
  });

  it.each([
    { pullback: -199.99, breach: false },
    { pullback: -200, breach: true },
    { pullback: -600, breach: true },
  ])(
    'armed at a high of exactly 500, 40% given back puts the floor at 300: +500 then $pullback → breach $breach',
    ({ pullback, breach }) => {
      expect(breached({}, realizedPath(500, pullback))).toBe(breach);
    },
  );

  it.each([
    { pullback: -399.99, breach: false },
    { pullback: -400, breach: true },
  ])('the floor rises with the high: +1000 then $pullback against a floor of 600 → breach $breach', ({ pullback, breach }) => {
    expect(breached({}, realizedPath(1000, pullback))).toBe(breach);
  });

  it('at 100% locks only when the whole day is given back', () => {
    expect(breached({ giveback_percent: 100 }, realizedPath(600, -599.99))).toBe(false);
    expect(breached({ giveback_percent: 100 }, realizedPath(600, -600))).toBe(true);
  });

  it('measure total arms on an open gain never taken; measure realized does not', () => {
    const account = accountWith({ positions: [position('ES', 1, 6000)] });
    for (const lastPrice of [6010, 6006]) {
      account.market.applyQuote({ contractId: ES, lastPrice, bestBid: null, bestAsk: null, timestamp: '' });
      account.dayHigh.follow(account);
    }
    // High +$500 open, now +$300: 40% given back.
    expect(breached({ measure: 'total' }, account)).toBe(true);
    expect(breached({ measure: 'realized' }, account)).toBe(false);
  });

  it('judges nothing while an open position has no price yet', () => {
    const account = accountWith({ positions: [position('ES', 1, 6000)] });
    account.dayHigh.restore({ day: '2026-11-24', realized: 0, total: 800 }, '2026-11-24');
    const rule = ruleOf({ measure: 'total' });
    expect(rule.evaluate(contextOf(account))).toEqual([]);
    expect(rule.measure(contextOf(account)).summary).toBe(
      'P&L (realized + open) not known until every open position has a price; floor +$480.00 (40% of the high +$800.00 given back)',
    );
  });

  it('flattens and locks until the reset, saying how much of which high was given back', () => {
    const [breach] = ruleOf({}).evaluate(contextOf(realizedPath(800, -320)));
    expect(breach).toMatchObject({
      ruleId: 'RULE-015',
      category: 'hardLockout',
      remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
      value: 480,
      limit: 480,
      message: "Realized P&L +$480.00 has given back 40% of today's high +$800.00 (floor +$480.00)",
    });
  });

  it('says on its card that it is not armed yet, with the high so far, and warns of nothing', () => {
    expect(ruleOf({}).measure(contextOf(realizedPath(320, -100)))).toEqual({
      value: 220,
      limit: 500,
      usage: 0,
      summary: 'Not armed yet: arms at +$500.00; realized high today +$320.00',
    });
  });

  it('once armed shows the floor and how far toward it the P&L has come from the high', () => {
    const rule = ruleOf({});
    expect(rule.measure(contextOf(realizedPath(1000, -300)))).toEqual({
      value: 700,
      limit: 600,
      usage: 0.75,
      summary: 'Realized P&L +$700.00, floor +$600.00 (40% of the high +$1,000.00 given back)',
    });
    expect(rule.measure(contextOf(realizedPath(1000))).usage).toBe(0);
  });

  it('describes itself with its figures', () => {
    expect(ruleOf({}).description).toBe(
      "Once today's realized P&L (net of fees) reaches +$500.00, flattens and locks until the daily reset when 40% of the day's high is given back",
    );
  });

  it.each([
    ['activate_at: 0, giveback_percent: 40', 'rules.profit_giveback.activate_at must be positive'],
    ['activate_at: 500, giveback_percent: 0.5', 'rules.profit_giveback.giveback_percent must be at least 1'],
    ['activate_at: 500, giveback_percent: 101', 'rules.profit_giveback.giveback_percent must be at most 100'],
    ['activate_at: 500, giveback_percent: 40, measure: net', 'rules.profit_giveback.measure must be realized or total'],
    ['activate_at: 500', 'rules.profit_giveback.giveback_percent'],
  ])('refuses { %s } with a message naming the key', (settings, message) => {
    expect(() => parseConfig(`rules:\n  profit_giveback: { ${settings} }\n`, 'risk-config.yaml')).toThrow(message);
  });

  it.each([
    [{ giveback_percent: 40 }, { giveback_percent: 30 }, 'tighter'],
    [{ giveback_percent: 40 }, { giveback_percent: 50 }, 'looser'],
    [{ activate_at: 500 }, { activate_at: 300 }, 'tighter'],
    [{ activate_at: 500 }, { activate_at: 800 }, 'looser'],
    [{ measure: 'realized' }, { measure: 'total' }, 'tighter'],
    [{ measure: 'total' }, { measure: 'realized' }, 'looser'],
  ])('a reload from %j to %j is %s', (before, after, expected) => {
    expect(ruleStrictness('profit_giveback', before, after)).toBe(expected);
  });
});
