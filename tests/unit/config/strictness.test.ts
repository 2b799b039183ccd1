import { describe, expect, it } from 'vitest';
import { riskConfigSchema } from '../../../src/main/config/schema';
import { ruleStrictness, splitChange } from '../../../src/main/config/strictness';
import { RULE_DEFINITIONS } from '../../../src/main/engine/rules';

const parse = (rules: object, extra: object = {}) => riskConfigSchema.parse({ rules, ...extra });

describe('tightening or loosening', () => {
  it.each([
    ['max_contracts', { limit: 5 }, { limit: 3 }, 'tighter'],
    ['max_contracts', { limit: 5 }, { limit: 8 }, 'looser'],
    ['daily_realized_loss', { limit: -500 }, { limit: -300 }, 'tighter'],
    ['daily_realized_loss', { limit: -500 }, { limit: -800 }, 'looser'],
    ['daily_realized_loss', { limit: -500, include_unrealized: false }, { limit: -500, include_unrealized: true }, 'tighter'],
    ['daily_realized_loss', { limit: -500, enabled: true }, { limit: -500, enabled: false }, 'looser'],
    ['daily_realized_loss', { limit: -500 }, { limit: -300, enabled: false }, 'looser'],
    ['trade_frequency_limit', { cooldowns: { per_minute: 60_000 } }, { cooldowns: { per_minute: 120_000 } }, 'tighter'],
    ['symbol_blocks', { blocked_symbols: ['CL'] }, { blocked_symbols: ['CL', 'NG'] }, 'tighter'],
    ['symbol_blocks', { blocked_symbols: ['CL', 'NG'] }, { blocked_symbols: ['CL'] }, 'looser'],
    ['session_block_outside', { start: '08:30' }, { start: '08:00' }, 'looser'],
    ['trade_frequency_limit', { count: 'entries' }, { count: 'executions' }, 'tighter'],
    ['trade_frequency_limit', { count: 'executions' }, { count: 'entries' }, 'looser'],
    ['trade_frequency_limit', { count: 'entries' }, { count: 'round_trips' }, 'looser'],
    ['weekly_trade_limit', { limit: 20, count: 'entries' }, { limit: 20, count: 'executions' }, 'tighter'],
    ['weekly_trade_limit', { limit: 20, count: 'executions' }, { limit: 20, count: 'entries' }, 'looser'],
    ['max_contracts', { count_type: 'net' }, { count_type: 'gross' }, 'looser'],
    ['max_contracts', { limit: 5, count_type: 'net' }, { limit: 5, count_type: 'net' }, 'unchanged'],
  ])('%s %j → %j is %s', (name, before, after, expected) => {
    expect(ruleStrictness(name, before, after)).toBe(expected);
  });

  it('counts an added rule as a tightening and a removed one as a loosening', () => {
    expect(ruleStrictness('max_contracts', undefined, { limit: 5 })).toBe('tighter');
    expect(ruleStrictness('max_contracts', { limit: 5 }, undefined)).toBe('looser');
  });
});

/** One setting, nested under a rule as the config holds it: `at('a.b', 1)` → `{ a: { b: 1 } }`. */
const at = (path: string, value: unknown): object =>
  path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as object;
const split = (path: string): [string, string] => [path.slice(0, path.indexOf('.')), path.slice(path.indexOf('.') + 1)];

/** Every setting with a known direction, as the strictness table had them before the registry declared them. */
const SMALLER_IS_STRICTER = [
  'max_contracts.limit',
  'max_contracts_per_instrument.default_limit',
  'max_contracts_per_instrument.instrument_limits.MNQ',
  'max_contracts_per_instrument.instrument_limits.M2K',
  'max_unrealized_profit.target',
  'trade_frequency_limit.limits.per_minute',
  'trade_frequency_limit.limits.per_hour',
  'trade_frequency_limit.limits.per_session',
  'no_stop_loss_grace.grace_period_seconds',
  'daily_realized_profit.target',
  'weekly_trade_limit.limit',
  'trade_management.auto_breakeven.profit_ticks',
  'trade_management.trailing_stop.activation_ticks',
  'trade_management.trailing_stop.trail_ticks',
];
const LARGER_IS_STRICTER = [
  'daily_realized_loss.limit',
  'daily_unrealized_loss.limit',
  'weekly_loss_limit.limit',
  'trade_frequency_limit.cooldowns.per_minute',
  'trade_frequency_limit.cooldowns.per_hour',
  'trade_frequency_limit.cooldowns.per_session',
];
const ON_IS_STRICTER = [
  ...RULE_DEFINITIONS.map((definition) => `${definition.key}.enabled`),
  'daily_realized_loss.include_unrealized',
  'weekly_loss_limit.include_unrealized',
  'session_block_outside.close_positions_at_end',
];
/** Numbers and switches whose direction nobody declared: any change waits for the reset. */
const UNKNOWN = [
  'trade_management.auto_breakeven.offset_ticks',
  'max_contracts.unknown_setting',
  'max_contracts_per_instrument.instrument_limits.M-NQ',
  'trade_frequency_limit.limits.per_minute.nested',
  'trade_frequency_limit.other.per_minute',
  'daily_realized_loss.limit_extra',
  'unknown_rule.limit',
  'max_contracts.limit_enabled',
];

describe('every setting of the strictness table keeps its direction', () => {
  it('enumerates all twenty rules for enabled', () => {
    expect(ON_IS_STRICTER).toHaveLength(23);
  });

  it.each(SMALLER_IS_STRICTER)('%s: smaller is tighter, larger is looser', (path) => {
    const [name, setting] = split(path);
    expect(ruleStrictness(name, at(setting, 5), at(setting, 3))).toBe('tighter');
    expect(ruleStrictness(name, at(setting, 5), at(setting, 8))).toBe('looser');
    expect(ruleStrictness(name, at(setting, 5), at(setting, 5))).toBe('unchanged');
  });

  it.each(LARGER_IS_STRICTER)('%s: larger is tighter, smaller is looser', (path) => {
    const [name, setting] = split(path);
    expect(ruleStrictness(name, at(setting, -500), at(setting, -300))).toBe('tighter');
    expect(ruleStrictness(name, at(setting, -500), at(setting, -800))).toBe('looser');
    expect(ruleStrictness(name, at(setting, -500), at(setting, -500))).toBe('unchanged');
  });

  it.each(ON_IS_STRICTER)('%s: switching on is tighter, off is looser', (path) => {
    const [name, setting] = split(path);
    expect(ruleStrictness(name, at(setting, false), at(setting, true))).toBe('tighter');
    expect(ruleStrictness(name, at(setting, true), at(setting, false))).toBe('looser');
    expect(ruleStrictness(name, at(setting, true), at(setting, true))).toBe('unchanged');
  });

  it('symbol_blocks.blocked_symbols: keeping every symbol is tighter, dropping one is looser', () => {
    const blocked = (symbols: string[]) => ({ blocked_symbols: symbols });
    expect(ruleStrictness('symbol_blocks', blocked(['CL']), blocked(['NG', 'CL']))).toBe('tighter');
    expect(ruleStrictness('symbol_blocks', blocked(['CL', 'NG']), blocked(['NG']))).toBe('looser');
    expect(ruleStrictness('symbol_blocks', blocked(['CL']), blocked(['NG']))).toBe('looser');
  });

  it('a list elsewhere is not read as a set of blocks', () => {
    expect(ruleStrictness('session_block_outside', { days: ['mon'] }, { days: ['mon', 'tue'] })).toBe('looser');
    expect(ruleStrictness('symbol_blocks', { other: ['CL'] }, { other: ['CL', 'NG'] })).toBe('looser');
  });

  it.each(UNKNOWN)('%s: an unknown setting is looser whichever way it moves', (path) => {
    const [name, setting] = split(path);
    expect(ruleStrictness(name, at(setting, 5), at(setting, 3))).toBe('looser');
    expect(ruleStrictness(name, at(setting, 5), at(setting, 8))).toBe('looser');
    expect(ruleStrictness(name, at(setting, false), at(setting, true))).toBe('looser');
    expect(ruleStrictness(name, at(setting, 5), at(setting, 5))).toBe('unchanged');
  });

  it('a direction holds only for its own value type', () => {
    expect(ruleStrictness('max_contracts', { limit: 5 }, { limit: '3' })).toBe('looser');
    expect(ruleStrictness('daily_realized_loss', { include_unrealized: 0 }, { include_unrealized: 1 })).toBe('looser');
  });
});

describe('splitting a config change', () => {
  it('applies tightenings now and holds loosenings until the reset', () => {
    const current = parse({ max_contracts: { limit: 5 }, daily_realized_loss: { limit: -500 } });
    const next = parse({ max_contracts: { limit: 3 }, daily_realized_loss: { limit: -900 }, symbol_blocks: { blocked_symbols: ['CL'] } });
    const { effective, pending } = splitChange(current, next);
    expect(effective.rules.max_contracts?.limit).toBe(3);
    expect(effective.rules.daily_realized_loss?.limit).toBe(-500);
    expect(effective.rules.symbol_blocks?.blocked_symbols).toEqual(['CL']);
    expect(pending).toEqual(['Daily realized loss: -$500.00 → -$900.00 at the daily reset']);
  });

  it('holds a removed rule, dry run and a new schedule until the reset, and applies going live at once', () => {
    const current = parse({ max_contracts: { limit: 5 } }, { enforcement: { mode: 'live' } });
    expect(splitChange(current, parse({}, { enforcement: { mode: 'dry_run' }, daily_reset: '16:00' })).pending).toEqual([
      'Max contracts: removed at the daily reset',
      'Enforcement: dry run (actions are logged, not sent) at the daily reset',
      'Trading day: daily reset 17:00 → 16:00 at the daily reset',
    ]);
    const dry = parse({ max_contracts: { limit: 5 } }, { enforcement: { mode: 'dry_run' } });
    expect(splitChange(dry, current).effective.enforcement.mode).toBe('live');
  });

  it.each([
    ['a limit raised', { max_contracts: { limit: 5 } }, { max_contracts: { limit: 8 } }, 'Max contracts: 5 → 8'],
    ['a rule turned off', { max_contracts: { limit: 5 } }, { max_contracts: { limit: 5, enabled: false } }, 'Max contracts: turned off'],
    [
      'a grace period lengthened',
      { no_stop_loss_grace: { grace_period_seconds: 10 } },
      { no_stop_loss_grace: { grace_period_seconds: 30 } },
      'Stop loss required: grace period 10 s → 30 s',
    ],
    [
      'a symbol unblocked',
      { symbol_blocks: { blocked_symbols: ['CL', 'NG'] } },
      { symbol_blocks: { blocked_symbols: ['CL'] } },
      'Blocked symbols: CL, NG → CL',
    ],
  ])('says what %s changes, with its figures and no config key', (_what, before, after, text) => {
    expect(splitChange(parse(before), parse(after)).pending).toEqual([`${text} at the daily reset`]);
  });

  it('names a timezone change with both zones', () => {
    const current = parse({}, { timezone: 'America/Chicago' });
    expect(splitChange(current, parse({}, { timezone: 'America/New_York' })).pending).toEqual([
      'Trading day: timezone America/Chicago → America/New_York at the daily reset',
    ]);
  });
});
