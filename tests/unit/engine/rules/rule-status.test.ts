import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/main/config/loader';
import type { Rule, RuleContext } from '../../../../src/main/engine/rule';
import { armRules } from '../../../../src/main/engine/rules';
import { accountWith, CONTRACTS, contextOf, fill, order, position } from '../../../helpers/states';

const config = parseConfig(fs.readFileSync('config/risk-config.all-rules.yaml', 'utf8'), 'risk-config.all-rules.yaml');
const { rules } = armRules(config);
const rule = (id: string): Rule => rules.find((r) => r.id === id)!;
const T0 = Date.parse('2026-11-24T15:00:00Z'); // Tuesday 09:00 in Chicago
const at = (context: RuleContext, iso: string): RuleContext => ({ ...context, now: Date.parse(iso) });
const fillAt = (minutesAgo: number, orderId: number) => ({
  ...fill(CONTRACTS.MNQ!.id, 1, null, 0, orderId),
  timestamp: new Date(T0 - minutesAgo * 60_000).toISOString(),
});

describe('the twenty rules as the dashboard names them', () => {
  it('names each rule by its config key, with the title and unit the trader reads, armed by default', () => {
    expect(rules.map((r) => [r.id, r.name, r.title, r.unit, r.enabled])).toEqual([
      ['RULE-001', 'max_contracts', 'Max contracts', 'contracts', true],
      ['RULE-002', 'max_contracts_per_instrument', 'Max contracts per instrument', 'contracts', true],
      ['RULE-003', 'daily_realized_loss', 'Daily realized loss', 'usd', true],
      ['RULE-004', 'daily_unrealized_loss', 'Open loss per position', 'usd', true],
      ['RULE-005', 'max_unrealized_profit', 'Take profit per position', 'usd', true],
      ['RULE-006', 'trade_frequency_limit', 'Trade frequency', 'trades', true],
      ['RULE-007', 'cooldown_after_loss', 'Cooldown after a loss', 'usd', true],
      ['RULE-008', 'no_stop_loss_grace', 'Stop loss required', 'seconds', true],
      ['RULE-009', 'session_block_outside', 'Trading session', 'minutes', true],
      ['RULE-010', 'auth_loss_guard', 'Broker access', 'count', true],
      ['RULE-011', 'symbol_blocks', 'Blocked symbols', 'count', true],
      ['RULE-012', 'trade_management', 'Trade management', 'count', true],
      ['RULE-013', 'daily_realized_profit', 'Daily profit target', 'usd', true],
      ['RULE-014', 'trailing_daily_loss', 'Trailing daily loss', 'usd', true],
      ['RULE-015', 'profit_giveback', 'Profit giveback', 'usd', true],
      ['RULE-016', 'weekly_loss_limit', 'Weekly loss limit', 'usd', true],
      ['RULE-017', 'weekly_trade_limit', 'Weekly trade limit', 'trades', true],
      ['RULE-018', 'adding_to_loser', 'Adding to a loser', 'count', true],
      ['RULE-019', 'stop_moved_away', 'Stop moved away', 'count', true],
      ['RULE-020', 'revenge_reentry', 'Revenge re-entry', 'count', true],
    ]);
    expect(Object.keys(config.rules).sort()).toEqual(rules.map((r) => r.name).sort());
  });

  it('titles the daily loss rule by what it counts', () => {
    const withOpen = armRules(parseConfig('rules:\n  daily_realized_loss: { limit: -500, include_unrealized: true }\n', 'r.yaml'))
      .rules[0]!;
    expect(withOpen.title).toBe('Daily loss (realized + unrealized)');
  });
});

describe('what each rule card shows: value, limit, share of the limit and the one-line summary', () => {
  it.each<[string, string, () => RuleContext, object]>([
    [
      'RULE-001',
      'net across symbols',
      () => contextOf(accountWith({ positions: [position('MNQ', 3), position('ES', -1)] })),
      { value: 2, limit: 5, usage: 0.4 },
    ],
    [
      'RULE-002',
      'the fullest symbol against its own limit',
      () => contextOf(accountWith({ positions: [position('MNQ', 1), position('NQ', 2)] })),
      { value: 2, limit: 3, usage: 2 / 3, summary: '2 of 3 NQ' },
    ],
    [
      'RULE-002',
      'a symbol limit over the default',
      () => contextOf(accountWith({ positions: [position('ES', 1), position('NQ', 2)] })),
      { value: 1, limit: 1, usage: 1, summary: '1 of 1 ES' },
    ],
    ['RULE-002', 'nothing open', () => contextOf(accountWith()), { value: 0, limit: 3, usage: 0, summary: 'nothing open' }],
    [
      'RULE-003',
      'a loss',
      () => contextOf(accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -400)] })),
      { value: -400, limit: -500, usage: 0.8 },
    ],
    [
      'RULE-003',
      'a profit uses none of the loss limit',
      () => contextOf(accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, 400)] })),
      { value: 400, limit: -500, usage: 0 },
    ],
    ['RULE-003', 'flat', () => contextOf(accountWith()), { value: 0, limit: -500, usage: 0 }],
    [
      'RULE-004',
      'the worst open position',
      () =>
        contextOf(
          accountWith({
            positions: [position('NQ', 1, 100), position('MNQ', 1, 100)],
            marks: { [CONTRACTS.NQ!.id]: 88, [CONTRACTS.MNQ!.id]: 99 },
          }),
        ),
      { value: -240, limit: -300, usage: 0.8 },
    ],
    [
      'RULE-005',
      'the best open position',
      () =>
        contextOf(
          accountWith({
            positions: [position('NQ', 1, 100), position('MNQ', 1, 100)],
            marks: { [CONTRACTS.NQ!.id]: 110, [CONTRACTS.MNQ!.id]: 101 },
          }),
        ),
      { value: 200, limit: 500, usage: 0.4 },
    ],
    [
      'RULE-006',
      'the busiest window',
      () => contextOf(accountWith({ fills: [fillAt(0.5, 901), fillAt(0.2, 902), fillAt(30, 903)] })),
      { value: 2, limit: 3, usage: 2 / 3, summary: '2 of 3 trades in a minute' },
    ],
    ['RULE-006', 'no trades', () => contextOf(accountWith()), { value: 0, limit: 3, usage: 0, summary: '0 of 3 trades in a minute' }],
    [
      'RULE-007',
      'the worst losing close against the first tier',
      () =>
        contextOf(
          accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -60), fill(CONTRACTS.NQ!.id, -1, -80), fill(CONTRACTS.NQ!.id, -1, 50)] }),
        ),
      { value: -80, limit: -100, usage: 0.8 },
    ],
    [
      'RULE-009',
      'in session',
      () => contextOf(accountWith()),
      { value: 30, limit: 390, usage: 30 / 390, summary: 'in session until 3:00 PM CT: 360 min left' },
    ],
    [
      'RULE-009',
      'after the session',
      () => at(contextOf(accountWith()), '2026-11-24T22:00:00Z'),
      { value: 0, limit: 0, usage: 0, summary: 'outside the 8:30 AM–3:00 PM CT session: no new trades until Wed Nov 25, 8:30 AM CT' },
    ],
    ['RULE-010', 'trading allowed', () => contextOf(accountWith()), { value: 0, limit: 0, usage: 0, summary: 'the broker allows trading' }],
    [
      'RULE-010',
      'logged out',
      () => ({ ...contextOf(accountWith()), loggedOut: true }),
      { value: 1, limit: 0, usage: 1, summary: expect.stringMatching(/^trading disabled: .*logged out/) },
    ],
    [
      'RULE-011',
      'nothing blocked open',
      () => contextOf(accountWith({ positions: [position('MNQ', 1)] })),
      { value: 0, limit: 0, usage: 0, summary: 'nothing open in CL, NG' },
    ],
    ['RULE-012', 'no position', () => contextOf(accountWith()), { value: 0, limit: 0, usage: 0, summary: 'no open position to manage' }],
    [
      'RULE-013',
      'halfway to the target',
      () => contextOf(accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, 500)] })),
      { value: 500, limit: 1000, usage: 0.5 },
    ],
    [
      'RULE-013',
      'a loss is no progress',
      () => contextOf(accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, -500)] })),
      { value: -500, limit: 1000, usage: 0 },
    ],
  ])('%s: %s', (id, _state, context, expected) => {
    const measured = rule(id).measure(context());
    expect(measured).toEqual(expect.objectContaining(expected));
    if (!('summary' in expected)) expect(measured.summary).toBeUndefined();
  });

  it('RULE-008: the longest unprotected position, and a stop clears it', () => {
    const account = accountWith({ positions: [position('MNQ', 1), position('ES', -1)] });
    account.updateProtection(T0 - 7_500);
    expect(rule('RULE-008').measure(contextOf(account))).toEqual({
      value: 7,
      limit: 10,
      usage: 0.75,
      summary: 'MNQ 7 s without a stop (grace 10 s)',
      imminent: { at: T0 - 7_500 + 10_000, text: 'MNQ will be closed unless a stop is placed' },
    });
    account.apply({ type: 'order', order: order(5, CONTRACTS.MNQ!.id, { kind: 'stop', side: 'sell', limitPrice: null, stopPrice: 95 }) });
    account.apply({ type: 'order', order: order(6, CONTRACTS.ES!.id, { kind: 'stop', side: 'buy', limitPrice: null, stopPrice: 105 }) });
    account.updateProtection(T0);
    expect(rule('RULE-008').measure(contextOf(account))).toEqual({
      value: 0,
      limit: 10,
      usage: 0,
      summary: 'every position has a stop (grace 10 s)',
    });
  });

  it('RULE-008: names whichever position has gone longest without a stop', () => {
    const account = accountWith({ positions: [position('MNQ', 1), position('ES', -1)] });
    account.apply({ type: 'order', order: order(5, CONTRACTS.MNQ!.id, { kind: 'stop', side: 'sell', limitPrice: null, stopPrice: 95 }) });
    account.updateProtection(T0 - 9_000);
    account.apply({
      type: 'order',
      order: order(5, CONTRACTS.MNQ!.id, { kind: 'stop', side: 'sell', limitPrice: null, stopPrice: 95, state: 'cancelled' }),
    });
    account.updateProtection(T0 - 2_000);
    expect(rule('RULE-008').measure(contextOf(account))).toMatchObject({ value: 9, summary: 'ES 9 s without a stop (grace 10 s)' });
  });

  it('RULE-006: a trade exactly a minute old is out of the minute window; unset windows are not counted', () => {
    const hourOnly = armRules(parseConfig('rules:\n  trade_frequency_limit: { limits: { per_hour: 10 } }\n', 'r.yaml')).rules[0]!;
    const account = accountWith({ fills: [fillAt(1, 971), fillAt(0.5, 972)] });
    expect(rule('RULE-006').measure(contextOf(account))).toMatchObject({ value: 1, limit: 3, summary: '1 of 3 trades in a minute' });
    expect(hourOnly.measure(contextOf(account))).toMatchObject({ value: 2, limit: 10, summary: '2 of 10 trades in an hour' });
    const session = armRules(parseConfig('rules:\n  trade_frequency_limit: { limits: { per_session: 2 } }\n', 'r.yaml')).rules[0]!;
    expect(session.measure(contextOf(account))).toMatchObject({ value: 2, limit: 2, usage: 1, summary: '2 of 2 trades today' });
  });

  it('RULE-011: counts orders and positions in blocked symbols', () => {
    const market = accountWith();
    market.market.addContract({ id: 'CON.F.US.CLE.Z26', name: 'CLZ6', description: '', tickSize: 0.01, tickValue: 10, symbol: 'CL' });
    market.apply({ type: 'position', position: { accountId: 1, contractId: 'CON.F.US.CLE.Z26', size: 1, averagePrice: 70 } });
    market.apply({ type: 'order', order: order(7, 'CON.F.US.CLE.Z26') });
    market.apply({ type: 'order', order: order(8, CONTRACTS.MNQ!.id) });
    expect(rule('RULE-011').measure(contextOf(market))).toEqual({
      value: 2,
      limit: 0,
      usage: 1,
      summary: '1 position and 1 open order in CL, NG',
    });
  });

  it('RULE-012: how many open positions have a stop', () => {
    const account = accountWith({ positions: [position('MNQ', 1), position('ES', 1)] });
    account.apply({ type: 'order', order: order(5, CONTRACTS.MNQ!.id, { kind: 'stop', side: 'sell', limitPrice: null, stopPrice: 95 }) });
    expect(rule('RULE-012').measure(contextOf(account))).toEqual({
      value: 1,
      limit: 2,
      usage: 0,
      summary: '1 of 2 positions with a stop',
    });
  });
});
