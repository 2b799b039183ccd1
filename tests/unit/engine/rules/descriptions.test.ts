import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/main/config/loader';
import { armRules } from '../../../../src/main/engine/rules';

/** The one rule armed from this YAML under `rules:`. */
const armed = (yaml: string) => armRules(parseConfig(`timezone: America/Chicago\nrules:\n  ${yaml}\n`, 'r.yaml')).rules[0]!;

/** What the card and the settings page say each rule does, with the figures of its config and no config keys. */
describe('each rule in words, with its figures', () => {
  it.each([
    ['max_contracts: { limit: 5 }', 'Closes the position that takes you past 5 contracts open (net)'],
    [
      'max_contracts: { limit: 1, count_type: gross, action: reduce_to_limit }',
      'Trims the position that takes you past 1 contract open (longs and shorts added up) back to the limit',
    ],
    [
      'max_contracts_per_instrument: { default_limit: 3, instrument_limits: { MNQ: 2, ES: 1 } }',
      "Closes any position past its symbol's limit: MNQ 2, ES 1, any other symbol 3 contracts",
    ],
    [
      'max_contracts_per_instrument: { default_limit: 3, instrument_limits: { MNQ: 2 }, unknown_symbol: block, action: reduce_to_limit }',
      "Trims any position back to its symbol's limit: MNQ 2 contracts; any other symbol is blocked",
    ],
    ['max_contracts_per_instrument: { default_limit: 1 }', "Closes any position past its symbol's limit: any symbol 1 contract"],
    [
      'daily_realized_loss: { limit: -500 }',
      "Flattens and locks until the daily reset when today's realized P&L (net of fees) reaches -$500.00",
    ],
    [
      'daily_realized_loss: { limit: -1250.5, include_unrealized: true }',
      "Flattens and locks until the daily reset when today's P&L, realized (net of fees) plus open, reaches -$1,250.50",
    ],
    ['daily_unrealized_loss: { limit: -300 }', 'Closes any position whose open loss reaches -$300.00'],
    ['max_unrealized_profit: { target: 500 }', 'Closes any position whose open profit reaches $500.00'],
    [
      'trade_frequency_limit: { limits: { per_minute: 3, per_hour: 10, per_session: 50 } }',
      'Flattens and pauses trading past 3 trades in a minute (1 min pause), 10 in an hour (30 min pause) or 50 today (1 h pause)',
    ],
    [
      'trade_frequency_limit: { count: executions, limits: { per_hour: 20 }, cooldowns: { per_hour: 90s } }',
      'Flattens and pauses trading past 20 executions (entries and exits) in an hour (90 s pause)',
    ],
    [
      'cooldown_after_loss: { tiers: [{ loss: -300, cooldown: 1h }, { loss: -100, cooldown: 15m }] }',
      'Flattens and pauses trading after a closed trade loses at least $100.00 (15 min pause) or $300.00 (1 h pause)',
    ],
    ['no_stop_loss_grace: { grace_period_seconds: 10 }', 'Closes a position left without a stop for 10 s'],
    [
      "session_block_outside: { start: '08:30', end: '15:00' }",
      'Flattens and locks trading outside 8:30 AM–3:00 PM CT, Mon–Fri, and on CME holidays; positions are closed at the session end',
    ],
    [
      "session_block_outside: { start: '17:00', end: '16:00', days: [sun, tue, thu], holidays: ['2026-12-25'], close_positions_at_end: false }",
      'Flattens and locks trading outside 5:00 PM–4:00 PM CT, Sun, Tue, Thu, and on the 1 listed holiday; positions may stay open past the session end',
    ],
    [
      'auth_loss_guard: {}',
      'Alerts and sends no order for the account while the broker does not allow it to trade or the gateway session is logged out',
    ],
    ['symbol_blocks: { blocked_symbols: [CL, NG, GC] }', 'Closes any position and cancels any order in CL, NG or GC'],
    ['symbol_blocks: { blocked_symbols: [CL] }', 'Closes any position and cancels any order in CL'],
    [
      'trade_management: { auto_breakeven: { profit_ticks: 4, offset_ticks: 1 }, trailing_stop: { activation_ticks: 8, trail_ticks: 4 } }',
      'Moves the stop to entry + 1 tick once a position is 4 ticks in profit, then trails it 4 ticks behind the price from 8 ticks in profit; never widens a stop',
    ],
    [
      'trade_management: { auto_breakeven: { profit_ticks: 6 } }',
      'Moves the stop to entry once a position is 6 ticks in profit; never widens a stop',
    ],
    [
      'trade_management: { trailing_stop: { activation_ticks: 1, trail_ticks: 2 } }',
      'Trails it 2 ticks behind the price from 1 tick in profit; never widens a stop',
    ],
    [
      'daily_realized_profit: { target: 1000 }',
      "Flattens and locks until the daily reset when today's realized P&L (net of fees) reaches +$1,000.00",
    ],
  ])('%s', (yaml, description) => {
    expect(armed(yaml).description).toBe(description);
  });

  it('names no config key in any description', () => {
    const config = parseConfig(fs.readFileSync('config/risk-config.all-rules.yaml', 'utf8'), 'risk-config.all-rules.yaml');
    for (const rule of armRules(config).rules) expect(rule.description).not.toMatch(/[a-z]+_[a-z]+|RULE-/);
  });
});

describe('which rules draw a bar', () => {
  it('gives a bar to the rules with a measure, none to the yes/no rules', () => {
    const config = parseConfig(fs.readFileSync('config/risk-config.all-rules.yaml', 'utf8'), 'risk-config.all-rules.yaml');
    const withoutBar = armRules(config)
      .rules.filter((rule) => !rule.gauge)
      .map((rule) => rule.name);
    expect(withoutBar).toEqual([
      'session_block_outside',
      'auth_loss_guard',
      'symbol_blocks',
      'trade_management',
      'adding_to_loser',
      'stop_moved_away',
      'revenge_reentry',
    ]);
  });
});
