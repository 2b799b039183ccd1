import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { loadConfigFile } from '../../../../src/main/config/loader';
import { riskConfigSchema, type RiskConfig, type WithWarnings } from '../../../../src/main/config/schema';
import { armRules, RULE_DEFINITIONS } from '../../../../src/main/engine/rules';
import type { SettingPath } from '../../../../src/main/engine/rules/definition';
import type { MaxContractsPerInstrumentConfig } from '../../../../src/main/engine/rules/max-contracts-per-instrument';
import type { MaxContractsConfig } from '../../../../src/main/engine/rules/max-contracts';
import type { NoStopLossGraceConfig } from '../../../../src/main/engine/rules/no-stop-loss-grace';
import type { SymbolBlocksConfig } from '../../../../src/main/engine/rules/symbol-blocks';
import type { TradeManagementConfig } from '../../../../src/main/engine/rules/trade-management';

const RULE_IDS = Array.from({ length: 20 }, (_, i) => `RULE-${String(i + 1).padStart(3, '0')}`);

describe('the rule registry is the one list of rules', () => {
  it('holds RULE-001 to RULE-020 once each, in id order', () => {
    expect(RULE_DEFINITIONS.map((definition) => definition.id)).toEqual(RULE_IDS);
  });

  it('gives the config schema its rule keys, in the same order', () => {
    expect(Object.keys(riskConfigSchema.shape.rules.shape)).toEqual(RULE_DEFINITIONS.map((definition) => definition.key));
  });

  it('arms every configured rule in id order, named by its config key', () => {
    const { rules, session } = armRules(loadConfigFile(path.resolve('config/risk-config.all-rules.yaml')));
    expect(rules.map((rule) => [rule.id, rule.name])).toEqual(RULE_DEFINITIONS.map((definition) => [definition.id, definition.key]));
    expect(session).not.toBeNull();
  });

  it('arms only the configured rules, and no session clock without session_block_outside', () => {
    const { rules, session } = armRules(
      riskConfigSchema.parse({ rules: { daily_realized_profit: { target: 1000 }, max_contracts: { limit: 5 } } }),
    );
    expect(rules.map((rule) => rule.name)).toEqual(['max_contracts', 'daily_realized_profit']);
    expect(session).toBeNull();
  });

  it('keeps each rule config precisely typed', () => {
    expectTypeOf<RiskConfig['rules']['max_contracts']>().toEqualTypeOf<WithWarnings<MaxContractsConfig> | undefined>();
    expectTypeOf<RiskConfig['rules']['no_stop_loss_grace']>().toEqualTypeOf<WithWarnings<NoStopLossGraceConfig> | undefined>();
  });

  it('lets a rule declare which way its settings tighten only by paths its config has', () => {
    expectTypeOf<SettingPath<MaxContractsConfig, number>>().toEqualTypeOf<'limit'>();
    expectTypeOf<SettingPath<MaxContractsConfig, boolean>>().toEqualTypeOf<'enabled'>();
    expectTypeOf<SettingPath<MaxContractsPerInstrumentConfig, number>>().toEqualTypeOf<'default_limit' | 'instrument_limits.*'>();
    expectTypeOf<SettingPath<TradeManagementConfig, number>>().toEqualTypeOf<
      | 'auto_breakeven.*'
      | 'auto_breakeven.profit_ticks'
      | 'auto_breakeven.offset_ticks'
      | 'trailing_stop.*'
      | 'trailing_stop.activation_ticks'
      | 'trailing_stop.trail_ticks'
    >();
    expectTypeOf<SettingPath<SymbolBlocksConfig, readonly unknown[]>>().toEqualTypeOf<'blocked_symbols'>();
    expectTypeOf<SettingPath<unknown, number>>().toEqualTypeOf<string>();
  });
});
