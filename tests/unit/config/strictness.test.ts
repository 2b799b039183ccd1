import { describe, expect, it } from 'vitest';
import { riskConfigSchema } from '../../../src/main/config/schema';
import { ruleStrictness, splitChange } from '../../../src/main/config/strictness';

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
    ['max_contracts', { limit: 5, count_type: 'net' }, { limit: 5, count_type: 'net' }, 'unchanged'],
  ])('%s %j → %j is %s', (name, before, after, expected) => {
    expect(ruleStrictness(name, before, after)).toBe(expected);
  });

  it('counts an added rule as a tightening and a removed one as a loosening', () => {
    expect(ruleStrictness('max_contracts', undefined, { limit: 5 })).toBe('tighter');
    expect(ruleStrictness('max_contracts', { limit: 5 }, undefined)).toBe('looser');
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
    expect(pending).toEqual(['rules.daily_realized_loss loosened']);
  });

  it('holds a removed rule, dry run and a new schedule until the reset, and applies going live at once', () => {
    const current = parse({ max_contracts: { limit: 5 } }, { enforcement: { mode: 'live' } });
    expect(splitChange(current, parse({}, { enforcement: { mode: 'dry_run' }, daily_reset: '16:00' })).pending).toEqual([
      'rules.max_contracts removed',
      'enforcement.mode dry_run',
      'the trading-day schedule (timezone, daily_reset)',
    ]);
    const dry = parse({ max_contracts: { limit: 5 } }, { enforcement: { mode: 'dry_run' } });
    expect(splitChange(dry, current).effective.enforcement.mode).toBe('live');
  });
});
