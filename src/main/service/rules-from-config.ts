/** The configured rules, in rule-id order. A rule absent from the config is not armed. */
import type { RiskConfig } from '../config/schema';
import type { Rule } from '../engine/rule';
import { dailyRealizedLossRule } from '../engine/rules/daily-realized-loss';
import { maxContractsRule } from '../engine/rules/max-contracts';

export function rulesFromConfig(rules: RiskConfig['rules']): Rule[] {
  return [
    rules.max_contracts && maxContractsRule(rules.max_contracts),
    rules.daily_realized_loss && dailyRealizedLossRule(rules.daily_realized_loss),
  ].filter((rule): rule is Rule => rule !== undefined);
}
