import { describe, expect, it } from 'vitest';
import type { AccountState } from '../../../../src/main/engine/account-state';
import { NO_WEEK_BEFORE } from '../../../../src/main/engine/week-totals';
import { weeklyTradeLimit, weeklyTradeLimitConfigSchema, weeklyTradeLimitRule } from '../../../../src/main/engine/rules/weekly-trade-limit';
import { accountWith, CONTRACTS, contextOf, fill } from '../../../helpers/states';

const CHICAGO = 'America/Chicago';
const WEEK_END = Date.parse('2026-11-29T23:00:00Z');
const MNQ = CONTRACTS.MNQ!.id;

const rule = (limit: number, count: 'entries' | 'executions' = 'entries') =>
  weeklyTradeLimitRule(weeklyTradeLimitConfigSchema.parse({ limit, count }), CHICAGO);

/** An account with `trades` and `executions` on the week's earlier days. */
function weekOf(trades: number, executions = trades): AccountState {
  const account = accountWith();
  account.weekBefore = { ...NO_WEEK_BEFORE, trades, executions, end: WEEK_END };
  return account;
}

/** The account takes the fill, and the rule judges it as the pipeline does. */
function trade(account: AccountState, entry: ReturnType<typeof fill>) {
  account.apply({ type: 'fill', fill: entry });
  return rule(20).evaluate(contextOf(account, { type: 'fill', fill: entry }));
}

describe('RULE-017 weekly_trade_limit', () => {
  it.each([
    { before: 18, breach: false }, // the 19th trade
    { before: 19, breach: false }, // the 20th: exactly the limit
    { before: 20, breach: true }, // the 21st goes over
  ])('limit 20, $before trades on earlier days, one more today → breach $breach', ({ before, breach }) => {
    expect(trade(weekOf(before), fill(MNQ, 1, null)).length > 0).toBe(breach);
  });

  it('adds today’s trades to the earlier days’: 15 before, the 6th today is the 21st', () => {
    const account = weekOf(15);
    for (let i = 0; i < 5; i++) expect(trade(account, fill(MNQ, 1, null))).toEqual([]);
    const [breach] = trade(account, fill(MNQ, 1, null));
    expect(breach).toMatchObject({
      ruleId: 'RULE-017',
      category: 'hardLockout',
      remedy: { kind: 'flatten', lock: { kind: 'untilWeeklyReset' } },
      value: 21,
      limit: 20,
      message: '21 trades this week, limit 20',
    });
  });

  it('fires on the trade that goes over, not on an exit, a second fill of the same order or a timer tick', () => {
    const account = weekOf(20);
    const exit = fill(MNQ, -1, -25);
    expect(trade(account, exit)).toEqual([]);
    const first = fill(MNQ, 1, null, 0, 9001);
    expect(trade(account, first)).toHaveLength(1);
    expect(trade(account, fill(MNQ, 1, null, 0, 9001))).toEqual([]);
    expect(rule(20).evaluate(contextOf(account))).toEqual([]);
  });

  it('with count: executions, counts the exit too', () => {
    const account = weekOf(0, 20);
    const exit = fill(MNQ, -1, -25);
    account.apply({ type: 'fill', fill: exit });
    const [breach] = rule(20, 'executions').evaluate(contextOf(account, { type: 'fill', fill: exit }));
    expect(breach?.message).toBe('21 executions this week, limit 20');
  });

  it('measures the week so far, today’s share and when the week resets', () => {
    const account = weekOf(9);
    account.apply({ type: 'fill', fill: fill(MNQ, 1, null) });
    account.apply({ type: 'fill', fill: fill(MNQ, 1, null) });
    expect(rule(20).measure(contextOf(account))).toEqual({
      value: 11,
      limit: 20,
      usage: 11 / 20,
      summary: 'Week so far 11 of 20 trades (today 2); resets Sun Nov 29, 5:00 PM CT',
    });
  });

  it('describes itself with its figures', () => {
    expect(rule(20).description).toBe('Flattens and locks until the weekly reset past 20 trades this week');
    expect(rule(20, 'executions').description).toBe(
      'Flattens and locks until the weekly reset past 20 executions (entries and exits) this week',
    );
  });

  it.each([
    { limit: 0, message: 'must be at least 1' },
    { limit: 2.5, message: 'must be a whole number of trades' },
  ])('refuses limit $limit: $message', ({ limit, message }) => {
    expect(weeklyTradeLimitConfigSchema.safeParse({ limit }).error?.issues[0]?.message).toBe(message);
  });

  it('is stricter with a smaller limit and counting executions; an admin unlock can only suspend it', () => {
    expect(weeklyTradeLimit.strictness).toEqual({
      smallerIsStricter: ['limit'],
      rankedChoices: [{ path: 'count', loosestFirst: ['entries', 'executions'] }],
    });
    expect(weeklyTradeLimit.resumable).toBeUndefined();
  });
});
