import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/main/config/loader';
import { refusal } from '../../helpers/config-refusal';

function accepts(rules: string): void {
  expect(() => parseConfig(`rules:\n${rules}`, 'risk-config.yaml')).not.toThrow();
}

/** Every refusal a trader can meet per rule: the key, the value and the reason, as the app shows it. */
describe('rule settings a trader gets wrong', () => {
  it.each([
    ['max_contracts: { limit: 2.5 }', 'rules.max_contracts.limit must be a whole number of contracts, got 2.5'],
    ['max_contracts: { limit: 0 }', 'rules.max_contracts.limit must be at least 1, got 0'],
    [
      'max_contracts_per_instrument: { default_limit: 1.5 }',
      'rules.max_contracts_per_instrument.default_limit must be a whole number of contracts, got 1.5',
    ],
    ['max_contracts_per_instrument: { default_limit: -1 }', 'rules.max_contracts_per_instrument.default_limit cannot be negative, got -1'],
    [
      'max_contracts_per_instrument: { default_limit: 1, instrument_limits: { mnq: 1 } }',
      'rules.max_contracts_per_instrument.instrument_limits.mnq symbol roots are upper case, e.g. MNQ, got "mnq"',
    ],
    ['max_contracts_per_instrument: { default_limit: 1, instrument_limits: { "MNQ!": 1 } }', 'symbol roots are upper case, e.g. MNQ'],
    ['max_contracts_per_instrument: { default_limit: 1, instrument_limits: { "!MNQ": 1 } }', 'symbol roots are upper case, e.g. MNQ'],
    [
      'max_contracts_per_instrument: { default_limit: 1, instrument_limits: { MNQ: 1.5 } }',
      'rules.max_contracts_per_instrument.instrument_limits.MNQ must be a whole number of contracts, got 1.5',
    ],
    [
      'max_contracts_per_instrument: { default_limit: 1, instrument_limits: { MNQ: -2 } }',
      'rules.max_contracts_per_instrument.instrument_limits.MNQ cannot be negative, got -2',
    ],
    [
      'daily_unrealized_loss: { limit: 300 }',
      'rules.daily_unrealized_loss.limit must be negative (an open loss in USD, e.g. -300), got 300',
    ],
    [
      'max_unrealized_profit: { target: -500 }',
      'rules.max_unrealized_profit.target must be positive (an open profit in USD, e.g. 500), got -500',
    ],
    ['daily_realized_profit: { target: 0 }', 'rules.daily_realized_profit.target must be positive (a profit in USD, e.g. 1000), got 0'],
    [
      'trade_frequency_limit: { limits: { per_minute: 1.5 } }',
      'rules.trade_frequency_limit.limits.per_minute must be a whole number of trades, got 1.5',
    ],
    ['trade_frequency_limit: { limits: { per_hour: 0 } }', 'rules.trade_frequency_limit.limits.per_hour must be at least 1, got 0'],
    ['trade_frequency_limit: { limits: {} }', 'rules.trade_frequency_limit.limits needs at least one of per_minute, per_hour, per_session'],
    [
      'trade_frequency_limit: { limits: { per_minute: 3 }, cooldowns: { per_minute: 60 } }',
      'rules.trade_frequency_limit.cooldowns.per_minute',
    ],
    [
      'trade_frequency_limit: { limits: { per_minute: 3 }, cooldowns: { per_minute: "60" } }',
      'rules.trade_frequency_limit.cooldowns.per_minute must be a duration such as 60s, 30m or 1h, got "60"',
    ],
    [
      'trade_frequency_limit: { limits: { per_minute: 3 }, cooldowns: { per_minute: "60sx" } }',
      'must be a duration such as 60s, 30m or 1h, got "60sx"',
    ],
    [
      'trade_frequency_limit: { limits: { per_minute: 3 }, cooldowns: { per_minute: "x60s" } }',
      'must be a duration such as 60s, 30m or 1h, got "x60s"',
    ],
    [
      'trade_frequency_limit: { limits: { per_minute: 3 }, cooldowns: { per_minute: "0s" } }',
      'rules.trade_frequency_limit.cooldowns.per_minute must be longer than zero, got "0s"',
    ],
    ['cooldown_after_loss: { tiers: [] }', 'rules.cooldown_after_loss.tiers needs at least one tier'],
    [
      'cooldown_after_loss: { tiers: [{ loss: 100, cooldown: 15m }] }',
      'rules.cooldown_after_loss.tiers.0.loss must be negative (a loss in USD, e.g. -100), got 100',
    ],
    [
      'no_stop_loss_grace: { grace_period_seconds: 2.5 }',
      'rules.no_stop_loss_grace.grace_period_seconds must be a whole number of seconds, got 2.5',
    ],
    ['no_stop_loss_grace: { grace_period_seconds: 0 }', 'rules.no_stop_loss_grace.grace_period_seconds must be at least 1, got 0'],
    [
      'session_block_outside: { start: "8:30", end: "15:00" }',
      'rules.session_block_outside.start must be a 24-hour time HH:MM such as 08:30, got "8:30"',
    ],
    [
      'session_block_outside: { start: "08:30x", end: "15:00" }',
      'rules.session_block_outside.start must be a 24-hour time HH:MM such as 08:30, got "08:30x"',
    ],
    ['session_block_outside: { start: "x08:30", end: "15:00" }', 'got "x08:30"'],
    [
      'session_block_outside: { start: "08:30", end: "24:00" }',
      'rules.session_block_outside.end must be a 24-hour time HH:MM such as 08:30, got "24:00"',
    ],
    ['session_block_outside: { start: "08:30", end: "15:00", days: [] }', 'rules.session_block_outside.days needs at least one day'],
    [
      'session_block_outside: { start: "08:30", end: "15:00", holidays: ["2026-12-25x"] }',
      'rules.session_block_outside.holidays.0 must be a date YYYY-MM-DD, got "2026-12-25x"',
    ],
    ['session_block_outside: { start: "08:30", end: "15:00", holidays: ["x2026-12-25"] }', 'got "x2026-12-25"'],
    ['session_block_outside: { start: "08:30", end: "15:00", holidays: ["26-12-25"] }', 'got "26-12-25"'],
    ['session_block_outside: { start: "08:30", end: "15:00", holidays: ["2026-1-25"] }', 'got "2026-1-25"'],
    ['session_block_outside: { start: "08:30", end: "15:00", holidays: ["2026-12-5"] }', 'got "2026-12-5"'],
    ['session_block_outside: { start: "08:30", end: "15:00", holidays: ["YYYY-12-25"] }', 'got "YYYY-12-25"'],
    ['session_block_outside: { start: "08:30", end: "15:00", holidays: ["2026-MM-25"] }', 'got "2026-MM-25"'],
    ['session_block_outside: { start: "08:30", end: "15:00", holidays: ["2026-12-DD"] }', 'got "2026-12-DD"'],
    ['symbol_blocks: { blocked_symbols: [cl] }', 'rules.symbol_blocks.blocked_symbols.0 symbol roots are upper case, e.g. CL, got "cl"'],
    ['symbol_blocks: { blocked_symbols: ["CL!"] }', 'got "CL!"'],
    ['symbol_blocks: { blocked_symbols: ["!CL"] }', 'got "!CL"'],
    [
      'trade_management: { auto_breakeven: { profit_ticks: 1.5, offset_ticks: 0 } }',
      'rules.trade_management.auto_breakeven.profit_ticks must be a whole number of ticks, got 1.5',
    ],
    [
      'trade_management: { auto_breakeven: { profit_ticks: 0, offset_ticks: 0 } }',
      'rules.trade_management.auto_breakeven.profit_ticks must be at least 1, got 0',
    ],
    [
      'trade_management: { auto_breakeven: { profit_ticks: 4, offset_ticks: -1 } }',
      'rules.trade_management.auto_breakeven.offset_ticks cannot be negative, got -1',
    ],
    [
      'trade_management: { trailing_stop: { activation_ticks: 0, trail_ticks: 4 } }',
      'rules.trade_management.trailing_stop.activation_ticks must be at least 1, got 0',
    ],
    [
      'trade_management: { trailing_stop: { activation_ticks: 8, trail_ticks: 0 } }',
      'rules.trade_management.trailing_stop.trail_ticks must be at least 1, got 0',
    ],
    ['trade_management: {}', 'rules.trade_management needs auto_breakeven, trailing_stop or both'],
  ])('refuses %s', (rules, expected) => {
    expect(refusal(`  ${rules}\n`)).toContain(expected);
  });

  it.each([
    'session_block_outside: { start: "00:00", end: "23:59" }',
    'session_block_outside: { start: "19:05", end: "20:45", holidays: ["2026-12-24"] }',
    'session_block_outside: { start: "08:30", end: "15:00", days: [sun, mon, tue, wed, thu, fri, sat] }',
    'trade_frequency_limit: { limits: { per_minute: 3 } }',
    'trade_frequency_limit: { limits: { per_hour: 10 } }',
    'trade_frequency_limit: { limits: { per_session: 50 } }',
    'trade_frequency_limit: { limits: { per_minute: 3 }, cooldowns: { per_minute: 90s, per_hour: 2h } }',
    'trade_management: { auto_breakeven: { profit_ticks: 4, offset_ticks: 0 } }',
    'trade_management: { trailing_stop: { activation_ticks: 8, trail_ticks: 4 } }',
    'max_contracts_per_instrument: { default_limit: 0, instrument_limits: { MNQ: 0, M2K: 2 } }',
    'symbol_blocks: { blocked_symbols: [CL, M6E] }',
  ])('accepts %s', (rules) => {
    accepts(`  ${rules}\n`);
  });
});
