import { describe, expect, it } from 'vitest';
import { addingToLoserConfigSchema, addingToLoserRule } from '../../../../src/main/engine/rules/adding-to-loser';
import type { AccountState } from '../../../../src/main/engine/account-state';
import type { Fill, Order } from '../../../../src/shared/domain';
import { accountWith, CONTRACTS, contextOf, fill, fillAndReport, order, position } from '../../../helpers/states';

const MNQ = CONTRACTS.MNQ!.id;
const ruleWith = (settings: Record<string, unknown> = {}) =>
  addingToLoserRule(addingToLoserConfigSchema.parse({ loss: -100, ...settings }), { timezone: 'America/Chicago' });
/** 2 MNQ long at 21000 with the mark `ticksDown` ticks lower: each tick is $0.50 a contract, so 100 ticks is −$100.00. */
const losingLong = (ticksDown: number) =>
  accountWith({ positions: [position('MNQ', 2, 21000)], marks: { [MNQ]: 21000 - ticksDown * 0.25 } });
const addFill = (account: AccountState, size = 1): Fill => {
  const added = { ...fill(MNQ, size, null), price: account.market.mark(MNQ)! };
  account.apply({ type: 'fill', fill: added });
  return added;
};
const evaluateFill = (account: AccountState, added: Fill, rule = ruleWith()) =>
  rule.evaluate(contextOf(account, { type: 'fill', fill: added }));
const placeOrder = (account: AccountState, over: Partial<Order> = {}) => {
  const placed = order(70, MNQ, { kind: 'limit', side: 'buy', limitPrice: 20940, ...over });
  account.apply({ type: 'order', order: placed });
  return placed;
};
const evaluateOrder = (account: AccountState, placed: Order, rule = ruleWith()) =>
  rule.evaluate(contextOf(account, { type: 'order', order: placed }));

describe('RULE-018 adding_to_loser', () => {
  it.each([
    { ticksDown: 199, open: -99.5, breach: false },
    { ticksDown: 200, open: -100, breach: true },
    { ticksDown: 300, open: -150, breach: true },
  ])('a fill adding to 2 MNQ at $open open P&L (limit −100) → breach $breach', ({ ticksDown, breach }) => {
    const account = losingLong(ticksDown / 2);
    const breaches = evaluateFill(account, addFill(account));
    expect(breaches.length > 0).toBe(breach);
  });

  it('reaching the limit breaks it, a cent short of it holds', () => {
    const account = losingLong(100);
    const added = addFill(account);
    expect(evaluateFill(account, added, ruleWith({ loss: -100.01 }))).toEqual([]);
    expect(evaluateFill(account, added, ruleWith({ loss: -100 }))[0]).toMatchObject({ value: -100, limit: -100 });
  });

  it('judges the position as it was before the add: added contracts already in profit do not hide the loss', () => {
    const account = losingLong(100);
    account.market.applyQuote({ contractId: MNQ, lastPrice: 20950, bestBid: null, bestAsk: null, timestamp: '' });
    const added = { ...fill(MNQ, 3, null), price: 20900 };
    account.apply({ type: 'fill', fill: added });
    expect(account.unrealizedOf(account.position(MNQ)!)).toBe(100);
    expect(evaluateFill(account, added)[0]?.value).toBe(-200);
  });

  it('refuses a filled add by taking the added contracts back off, to the size before the add', () => {
    const account = losingLong(100);
    const [breach] = evaluateFill(account, addFill(account, 2));
    expect(breach).toMatchObject({
      ruleId: 'RULE-018',
      category: 'tradeByTrade',
      remedy: { kind: 'reducePosition', contractId: MNQ, size: 2, targetSize: 2 },
      message: '2 contracts added to 2 MNQ at -$100.00 open P&L, at or below -$100.00',
    });
  });

  it('refuses a new working order on the adding side by cancelling it, whichever direction the position is', () => {
    const account = losingLong(100);
    const placed = placeOrder(account);
    expect(evaluateOrder(account, placed).map((b) => b.remedy)).toEqual([{ kind: 'cancelOrder', orderId: 70, contractId: MNQ }]);
    const short = accountWith({ positions: [position('MNQ', -2, 21000)], marks: { [MNQ]: 21025 } });
    const sellMore = placeOrder(short, { side: 'sell', kind: 'stop', stopPrice: 21040, limitPrice: null });
    expect(evaluateOrder(short, sellMore)[0]?.remedy).toEqual({ kind: 'cancelOrder', orderId: 70, contractId: MNQ });
  });

  it('leaves exits, orders already known, market orders (judged by their fill) and winners alone', () => {
    const account = losingLong(100);
    expect(evaluateOrder(account, placeOrder(account, { side: 'sell', kind: 'stop', stopPrice: 20900, limitPrice: null }))).toEqual([]);
    const known = placeOrder(account, { id: 71 });
    account.apply({ type: 'order', order: { ...known, limitPrice: 20945 } });
    expect(evaluateOrder(account, { ...known, limitPrice: 20945 })).toEqual([]);
    expect(evaluateOrder(account, placeOrder(account, { id: 72, kind: 'market', limitPrice: null }))).toEqual([]);
    const winner = accountWith({ positions: [position('MNQ', 2, 21000)], marks: { [MNQ]: 21010 } });
    expect(evaluateFill(winner, addFill(winner))).toEqual([]);
  });

  it('does not count an opening fill or a reducing fill as an add', () => {
    const flat = accountWith({ marks: { [MNQ]: 20900 } });
    expect(evaluateFill(flat, addFill(flat))).toEqual([]);
    const account = losingLong(100);
    expect(evaluateFill(account, addFill(account, -1))).toEqual([]);
  });

  it('fires once for a fill: the replay of a fill already counted is judged as no event', () => {
    const account = losingLong(100);
    const added = addFill(account);
    expect(account.apply({ type: 'fill', fill: added })).toBeNull();
    expect(ruleWith().evaluate(contextOf(account, null))).toEqual([]);
  });

  it.each([
    { remedy: 'warn', remedies: [{ kind: 'alert' }], category: 'tradeByTrade' },
    {
      remedy: 'close',
      remedies: [
        { kind: 'closePosition', contractId: MNQ },
        { kind: 'cancelOrder', orderId: 70, contractId: MNQ },
      ],
      category: 'tradeByTrade',
    },
    {
      remedy: 'cooldown',
      cooldown: '15m',
      remedies: [{ kind: 'flatten', lock: { kind: 'cooldown', durationMs: 900_000 } }],
      category: 'cooldown',
    },
  ])('remedy $remedy on a new add order', ({ remedy, cooldown, remedies, category }) => {
    const account = losingLong(100);
    const breaches = evaluateOrder(account, placeOrder(account), ruleWith({ remedy, cooldown }));
    expect(breaches.map((b) => b.remedy)).toEqual(remedies);
    expect(breaches.every((b) => b.category === category)).toBe(true);
  });

  it('shows the day on its card: none, then the latest add in the trading timezone', () => {
    const account = losingLong(100);
    const rule = ruleWith();
    expect(rule.measure(contextOf(account))).toMatchObject({ value: 0, usage: 0, summary: 'No add to a loser today' });
    evaluateFill(account, addFill(account), rule);
    expect(rule.measure(contextOf(account)).summary).toBe('Added to a losing MNQ at 9:00 AM CT');
    expect(rule.gauge).toBe(false);
  });

  it('describes itself with its figures and refuses a config that cannot work', () => {
    expect(ruleWith().description).toBe(
      'Watches for an add to a position whose open P&L is at or below -$100.00; refuses it: cancels the order, or takes the added contracts back off',
    );
    expect(ruleWith({ remedy: 'cooldown', cooldown: '30m' }).description).toMatch(/flattens and pauses trading for 30 min$/);
    expect(() => addingToLoserConfigSchema.parse({ loss: 100 })).toThrow(/must be negative/);
    expect(() => addingToLoserConfigSchema.parse({ loss: -100, remedy: 'cooldown' })).toThrow(/required with remedy: cooldown/);
    expect(() => addingToLoserConfigSchema.parse({ loss: -100, cooldown: '15m' })).toThrow(/only used with remedy: cooldown/);
    expect(() => addingToLoserConfigSchema.parse({ loss: -100, remedy: 'block' })).toThrow(/must be one of warn, refuse, close, cooldown/);
  });

  it('takes back an add that filled in two parts whole: what the first trim left is trimmed once the position settles', () => {
    const rule = ruleWith();
    const account = losingLong(200);
    const first = evaluateFill(account, addFill(account), rule);
    expect(first.map((b) => b.remedy)).toEqual([{ kind: 'reducePosition', contractId: MNQ, size: 1, targetSize: 2 }]);
    // The second part fills while the first trim is on its way (the executor holds back a second trim of the same position).
    evaluateFill(account, addFill(account), rule);
    account.apply({ type: 'position', position: position('MNQ', 4, 20975) });
    // The first trim lands: 3 left, one more than before the add; the next evaluation (a tick) trims it.
    fillAndReport(account, MNQ, -1, -50);
    expect(rule.evaluate(contextOf(account)).map((b) => b.remedy)).toEqual([
      { kind: 'reducePosition', contractId: MNQ, size: 1, targetSize: 2 },
    ]);
    fillAndReport(account, MNQ, -1, -50);
    expect(rule.evaluate(contextOf(account))).toEqual([]);
    // Owed no more: a later add, no longer losing, is the trader's own.
    account.market.applyQuote({ contractId: MNQ, lastPrice: 21100, bestBid: null, bestAsk: null, timestamp: '' });
    fillAndReport(account, MNQ, 1, null);
    expect(rule.evaluate(contextOf(account))).toEqual([]);
  });
});
