import { describe, expect, it } from 'vitest';
import { cooldownAfterLossConfigSchema, cooldownAfterLossRule } from '../../../../src/main/engine/rules/cooldown-after-loss';
import { tradeFrequencyLimitConfigSchema, tradeFrequencyLimitRule } from '../../../../src/main/engine/rules/trade-frequency-limit';
import type { Fill } from '../../../../src/shared/domain';
import { accountWith, CONTRACTS, contextOf, fill } from '../../../helpers/states';

const NOW = Date.parse('2026-11-24T15:00:00Z');
const at = (msBefore: number, orderId: number): Fill => ({
  ...fill(CONTRACTS.MNQ!.id, 1, null, 0, orderId),
  timestamp: new Date(NOW - msBefore).toISOString(),
});

describe('RULE-006 trade_frequency_limit', () => {
  const rule = tradeFrequencyLimitRule(tradeFrequencyLimitConfigSchema.parse({ limits: { per_minute: 3, per_hour: 10, per_session: 50 } }));

  it.each([
    { trades: 3, breach: false },
    { trades: 4, breach: true },
  ])('$trades trades in the last minute → breach $breach, with a 60 s cooldown', ({ trades, breach }) => {
    const fills = Array.from({ length: trades }, (_, i) => at((trades - 1 - i) * 10_000, 100 + i));
    const account = accountWith({ fills });
    const breaches = rule.evaluate({ ...contextOf(account, { type: 'fill', fill: fills.at(-1)! }), now: NOW });
    expect(breaches.length > 0).toBe(breach);
    if (breach) expect(breaches[0]?.remedy).toEqual({ kind: 'flatten', lock: { kind: 'cooldown', durationMs: 60_000 } });
  });

  it('forgets trades older than the window', () => {
    const fills = [at(70_000, 1), at(65_000, 2), at(20_000, 3), at(0, 4)];
    const account = accountWith({ fills });
    expect(rule.evaluate({ ...contextOf(account, { type: 'fill', fill: fills[3]! }), now: NOW })).toEqual([]);
  });

  it('fires only on a new trade, not on a closing fill or a later quote', () => {
    const fills = [at(4000, 1), at(3000, 2), at(2000, 3), at(1000, 4)];
    const account = accountWith({ fills });
    const close = { ...fill(CONTRACTS.MNQ!.id, -1, 10, 0, 99), timestamp: new Date(NOW).toISOString() };
    expect(rule.evaluate({ ...contextOf(account, { type: 'fill', fill: close }), now: NOW })).toEqual([]);
    expect(rule.evaluate({ ...contextOf(account, null), now: NOW })).toEqual([]);
  });

  it('counts an order once, however many fills it has', () => {
    const fills = [at(4000, 7), at(3000, 7), at(2000, 7), at(1000, 7)];
    const account = accountWith({ fills });
    expect(account.tradeCount()).toBe(1);
    expect(rule.evaluate({ ...contextOf(account, { type: 'fill', fill: fills[3]! }), now: NOW })).toEqual([]);
  });

  it('cools down for the longest window broken', () => {
    const hourly = tradeFrequencyLimitRule(tradeFrequencyLimitConfigSchema.parse({ limits: { per_minute: 1, per_hour: 1 } }));
    const fills = [at(30_000, 1), at(0, 2)];
    const breaches = hourly.evaluate({ ...contextOf(accountWith({ fills }), { type: 'fill', fill: fills[1]! }), now: NOW });
    expect(breaches.map((b) => b.remedy)).toEqual([
      { kind: 'flatten', lock: { kind: 'cooldown', durationMs: 60_000 } },
      { kind: 'flatten', lock: { kind: 'cooldown', durationMs: 1_800_000 } },
    ]);
  });

  it('refuses a config with no limit and a bad duration', () => {
    expect(() => tradeFrequencyLimitConfigSchema.parse({ limits: {} })).toThrow(/at least one of per_minute/);
    expect(() => tradeFrequencyLimitConfigSchema.parse({ limits: { per_minute: 3 }, cooldowns: { per_minute: '1 minute' } })).toThrow(
      /duration such as 60s/,
    );
  });
});

describe('RULE-006 count: entries | executions', () => {
  const limitOf = (count?: 'entries' | 'executions', limits: object = { per_minute: 3 }) =>
    tradeFrequencyLimitRule(tradeFrequencyLimitConfigSchema.parse({ limits, ...(count ? { count } : {}) }));
  /** A fill of `orderId` `msBefore` now: opening (no P&L) or closing (a P&L). */
  const fillOf = (msBefore: number, orderId: number, closing = false): Fill => ({
    ...fill(CONTRACTS.MNQ!.id, closing ? -1 : 1, closing ? 5 : null, 0, orderId),
    timestamp: new Date(NOW - msBefore).toISOString(),
  });
  const evaluate = (rule: ReturnType<typeof limitOf>, fills: Fill[], last = fills.at(-1)!) =>
    rule.evaluate({ ...contextOf(accountWith({ fills }), { type: 'fill', fill: last }), now: NOW });

  it('counts entries by default: two round trips are 2 trades', () => {
    const fills = [fillOf(4000, 1), fillOf(3000, 2, true), fillOf(2000, 3), fillOf(1000, 4, true)];
    expect(limitOf().measure({ ...contextOf(accountWith({ fills })), now: NOW })).toMatchObject({
      value: 2,
      summary: '2 of 3 trades in a minute',
    });
    expect(evaluate(limitOf(), fills)).toEqual([]);
  });

  it('with executions, counts every entry and every exit: two round trips are 4 executions', () => {
    const fills = [fillOf(4000, 1), fillOf(3000, 2, true), fillOf(2000, 3), fillOf(1000, 4, true)];
    const rule = limitOf('executions');
    expect(rule.measure({ ...contextOf(accountWith({ fills })), now: NOW })).toMatchObject({
      value: 4,
      summary: '4 of 3 executions in a minute',
    });
  });

  it.each([
    { executions: 3, breach: false },
    { executions: 4, breach: true },
  ])('limit 3 a minute: an exit that is execution $executions → breach $breach, with the minute cooldown', ({ executions, breach }) => {
    const fills = Array.from({ length: executions }, (_, i) => fillOf((executions - i) * 1000, 10 + i, i % 2 === 1));
    const breaches = evaluate(limitOf('executions'), fills);
    expect(breaches.map((b) => b.remedy)).toEqual(breach ? [{ kind: 'flatten', lock: { kind: 'cooldown', durationMs: 60_000 } }] : []);
    if (breach) expect(breaches[0]?.message).toBe('4 executions in a minute, limit 3');
  });

  it('the same exit does not break an entries limit', () => {
    const fills = [fillOf(4000, 1), fillOf(3000, 2, true), fillOf(2000, 3), fillOf(1000, 4, true)];
    expect(evaluate(limitOf('entries'), fills)).toEqual([]);
  });

  it('counts an order once however many fills it has, and a reduce or an add as one execution each', () => {
    // Order 1 opens 2 in two fills; order 2 adds; order 3 reduces in two fills: 3 executions.
    const fills = [fillOf(5000, 1), fillOf(4500, 1), fillOf(4000, 2), fillOf(3000, 3, true), fillOf(2000, 3, true)];
    const account = accountWith({ fills });
    expect(account.executionTimes()).toHaveLength(3);
    const rule = limitOf('executions', { per_minute: 2 });
    expect(rule.evaluate({ ...contextOf(account, { type: 'fill', fill: fills[4]! }), now: NOW })).toEqual([]);
    expect(rule.evaluate({ ...contextOf(account, { type: 'fill', fill: fills[3]! }), now: NOW })).toHaveLength(1);
  });

  it('starts the day at zero executions after the reset', () => {
    const fills = [fillOf(4000, 1), fillOf(3000, 2, true), fillOf(2000, 3), fillOf(1000, 4, true)];
    const account = accountWith({ fills });
    account.startNewDay();
    expect(account.executionTimes()).toEqual([]);
    const next = fillOf(0, 5);
    account.apply({ type: 'fill', fill: next });
    expect(limitOf('executions', { per_session: 1 }).evaluate({ ...contextOf(account, { type: 'fill', fill: next }), now: NOW })).toEqual(
      [],
    );
  });

  it('refuses any other count', () => {
    expect(() => tradeFrequencyLimitConfigSchema.parse({ limits: { per_minute: 3 }, count: 'round_trips' })).toThrow();
  });
});

describe('RULE-007 cooldown_after_loss', () => {
  const rule = cooldownAfterLossRule(
    cooldownAfterLossConfigSchema.parse({
      tiers: [
        { loss: -100, cooldown: '15m' },
        { loss: -300, cooldown: '1h' },
      ],
    }),
  );
  const closing = (pnl: number) => fill(CONTRACTS.NQ!.id, -1, pnl, 1.4);

  it.each([
    { pnl: -99.99, cooldown: null },
    { pnl: -100, cooldown: 900_000 },
    { pnl: -299, cooldown: 900_000 },
    { pnl: -300, cooldown: 3_600_000 },
    { pnl: -1000, cooldown: 3_600_000 },
    { pnl: 250, cooldown: null },
  ])('a close of $pnl → cooldown $cooldown ms', ({ pnl, cooldown }) => {
    const event = { type: 'fill' as const, fill: closing(pnl) };
    const breaches = rule.evaluate(contextOf(accountWith({ fills: [event.fill] }), event));
    expect(
      breaches.map((b) => (b.remedy.kind === 'flatten' && b.remedy.lock.kind === 'cooldown' ? b.remedy.lock.durationMs : null)),
    ).toEqual(cooldown === null ? [] : [cooldown]);
  });

  it('ignores opening fills and evaluations without a new fill', () => {
    const open = fill(CONTRACTS.NQ!.id, 1, null);
    expect(rule.evaluate(contextOf(accountWith(), { type: 'fill', fill: open }))).toEqual([]);
    expect(rule.evaluate(contextOf(accountWith({ fills: [closing(-500)] }), null))).toEqual([]);
  });
});
