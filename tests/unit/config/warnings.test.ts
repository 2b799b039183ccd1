import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseConfig } from '../../../src/main/config/loader';
import { riskConfigSchema, ruleLadder, type RiskConfig, type WithWarnings } from '../../../src/main/config/schema';
import { splitChange } from '../../../src/main/config/strictness';
import { RULE_DEFINITIONS } from '../../../src/main/engine/rules';
import type { MaxContractsConfig } from '../../../src/main/engine/rules/max-contracts';
import { refusal } from '../../helpers/config-refusal';

const parse = (rules: object) => riskConfigSchema.parse({ rules });
const accepted = (rules: string) => parseConfig(`rules:\n${rules}`, 'risk-config.yaml');

describe('warnings: on every rule', () => {
  it('is the 50/70/85 ladder when not given, a rule’s own ladder when given, and none when off or []', () => {
    const config = accepted(
      [
        '  max_contracts: { limit: 5 }',
        '  daily_realized_loss: { limit: -500, warnings: [60, 90] }',
        '  max_contracts_per_instrument: { default_limit: 2, warnings: off }',
        '  daily_unrealized_loss: { limit: -300, warnings: [] }',
      ].join('\n'),
    );
    expect(ruleLadder(config, 'max_contracts')).toEqual([0.5, 0.7, 0.85]);
    expect(ruleLadder(config, 'daily_realized_loss')).toEqual([0.6, 0.9]);
    expect(ruleLadder(config, 'max_contracts_per_instrument')).toEqual([]);
    expect(ruleLadder(config, 'daily_unrealized_loss')).toEqual([]);
  });

  it('is accepted by every rule of the registry, a rule added later included', () => {
    for (const definition of RULE_DEFINITIONS) {
      const shape = riskConfigSchema.shape.rules.shape[definition.key];
      expect(shape.unwrap().shape, definition.key).toHaveProperty('warnings');
    }
  });

  it('keeps a rule’s own checks (trade management still needs breakeven or a trailing stop)', () => {
    expect(refusal('  trade_management: { warnings: off }')).toContain('needs auto_breakeven, trailing_stop or both');
  });

  it('types every rule config with its own settings and warnings', () => {
    expectTypeOf<RiskConfig['rules']['max_contracts']>().toEqualTypeOf<WithWarnings<MaxContractsConfig> | undefined>();
  });

  it('takes up to five steps, percentages strictly between 0 and 100', () => {
    expect(ruleLadder(accepted('  max_contracts: { limit: 5, warnings: [10, 20, 30, 40, 99.5] }'), 'max_contracts')).toEqual([
      0.1, 0.2, 0.3, 0.4, 0.995,
    ]);
    expect(ruleLadder(accepted('  max_contracts: { limit: 5, warnings: [0.5] }'), 'max_contracts')).toEqual([0.005]);
  });

  it.each([
    ['[70, 50]', 'rules.max_contracts.warnings must rise: 70 then 50, got [70,50]'],
    ['[50, 50]', 'rules.max_contracts.warnings must rise: 50 then 50, got [50,50]'],
    ['[0, 50]', 'rules.max_contracts.warnings.0 must be above 0 %, got 0'],
    ['[50, 100]', 'rules.max_contracts.warnings.1 must be below 100 % (the limit itself is the breach), got 100'],
    ['[10, 20, 30, 40, 50, 60]', 'rules.max_contracts.warnings has at most 5 steps, got [10,20,30,40,50,60]'],
    ['on', 'rules.max_contracts.warnings must be a list of rising percentages of the limit such as [50, 70, 85], or off, got "on"'],
    ['70', 'rules.max_contracts.warnings must be a list of rising percentages of the limit such as [50, 70, 85], or off, got 70'],
  ])('refuses warnings: %s with its reason', (warnings, message) => {
    expect(refusal(`  max_contracts: { limit: 5, warnings: ${warnings} }`)).toBe(`risk-config.yaml: ${message}`);
  });

  it('refuses a ladder on a yes/no rule, which has no share of a limit to warn at, and accepts off there', () => {
    expect(refusal('  symbol_blocks: { blocked_symbols: [CL], warnings: [50] }')).toBe(
      'risk-config.yaml: rules.symbol_blocks.warnings cannot be used: Blocked symbols is a yes/no rule with no share of a limit to warn at (remove it, or write off), got [50]',
    );
    expect(() => accepted('  symbol_blocks: { blocked_symbols: [CL], warnings: off }')).not.toThrow();
  });
});

describe('a change of warnings on hot reload', () => {
  it('applies at once, neither a tightening nor a loosening', () => {
    const current = parse({ daily_realized_loss: { limit: -500 } });
    const { effective, pending } = splitChange(current, parse({ daily_realized_loss: { limit: -500, warnings: [60, 90] } }));
    expect(ruleLadder(effective, 'daily_realized_loss')).toEqual([0.6, 0.9]);
    expect(pending).toEqual([]);
    const off = splitChange(effective, parse({ daily_realized_loss: { limit: -500, warnings: 'off' } }));
    expect(ruleLadder(off.effective, 'daily_realized_loss')).toEqual([]);
    expect(off.pending).toEqual([]);
  });

  it('applies at once even beside a loosening that waits for the reset, which still waits', () => {
    const current = parse({ daily_realized_loss: { limit: -500, warnings: [60, 90] } });
    const { effective, pending } = splitChange(current, parse({ daily_realized_loss: { limit: -900, warnings: [80] } }));
    expect(effective.rules.daily_realized_loss?.limit).toBe(-500);
    expect(ruleLadder(effective, 'daily_realized_loss')).toEqual([0.8]);
    expect(pending).toEqual(['Daily realized loss: -$500.00 → -$900.00 at the daily reset']);
    // Back to the default ladder beside a held loosening: the default, at once.
    const back = splitChange(current, parse({ daily_realized_loss: { limit: -900 } }));
    expect(ruleLadder(back.effective, 'daily_realized_loss')).toEqual([0.5, 0.7, 0.85]);
  });

  it('does not hide a tightening beside it', () => {
    const current = parse({ max_contracts: { limit: 5 } });
    const { effective, pending } = splitChange(current, parse({ max_contracts: { limit: 3, warnings: 'off' } }));
    expect(effective.rules.max_contracts).toMatchObject({ limit: 3, warnings: 'off' });
    expect(pending).toEqual([]);
  });
});
