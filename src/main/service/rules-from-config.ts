/** The configured rules, in rule-id order, and the session clock when a session is configured. */
import type { RiskConfig } from '../config/schema';
import type { Rule } from '../engine/rule';
import { authLossGuardRule } from '../engine/rules/auth-loss-guard';
import { cooldownAfterLossRule } from '../engine/rules/cooldown-after-loss';
import { dailyRealizedLossRule } from '../engine/rules/daily-realized-loss';
import { dailyRealizedProfitRule } from '../engine/rules/daily-realized-profit';
import { dailyUnrealizedLossRule } from '../engine/rules/daily-unrealized-loss';
import { maxContractsRule } from '../engine/rules/max-contracts';
import { maxContractsPerInstrumentRule } from '../engine/rules/max-contracts-per-instrument';
import { maxUnrealizedProfitRule } from '../engine/rules/max-unrealized-profit';
import { noStopLossGraceRule } from '../engine/rules/no-stop-loss-grace';
import { sessionBlockOutsideRule } from '../engine/rules/session-block-outside';
import { symbolBlocksRule } from '../engine/rules/symbol-blocks';
import { tradeFrequencyLimitRule } from '../engine/rules/trade-frequency-limit';
import { tradeManagementRule } from '../engine/rules/trade-management';
import type { SessionClock } from '../engine/session-clock';
import { CME_HOLIDAYS_2026_2027 } from '../schedule/cme-holidays';
import { sessionClock } from '../schedule/session';

export interface ArmedRules {
  rules: Rule[];
  session: SessionClock | null;
}

export function rulesFromConfig(config: Pick<RiskConfig, 'rules' | 'timezone'>): ArmedRules {
  const { rules } = config;
  const window = rules.session_block_outside;
  const session = window
    ? sessionClock({
        timezone: config.timezone,
        start: window.start,
        end: window.end,
        days: window.days,
        holidays: window.holidays ?? CME_HOLIDAYS_2026_2027,
      })
    : null;
  const armed = [
    rules.max_contracts && maxContractsRule(rules.max_contracts),
    rules.max_contracts_per_instrument && maxContractsPerInstrumentRule(rules.max_contracts_per_instrument),
    rules.daily_realized_loss && dailyRealizedLossRule(rules.daily_realized_loss),
    rules.daily_unrealized_loss && dailyUnrealizedLossRule(rules.daily_unrealized_loss),
    rules.max_unrealized_profit && maxUnrealizedProfitRule(rules.max_unrealized_profit),
    rules.trade_frequency_limit && tradeFrequencyLimitRule(rules.trade_frequency_limit),
    rules.cooldown_after_loss && cooldownAfterLossRule(rules.cooldown_after_loss),
    rules.no_stop_loss_grace && noStopLossGraceRule(rules.no_stop_loss_grace),
    window && session && sessionBlockOutsideRule(window, session),
    rules.auth_loss_guard && authLossGuardRule(rules.auth_loss_guard),
    rules.symbol_blocks && symbolBlocksRule(rules.symbol_blocks),
    rules.trade_management && tradeManagementRule(rules.trade_management),
    rules.daily_realized_profit && dailyRealizedProfitRule(rules.daily_realized_profit),
  ];
  return { rules: armed.filter((rule): rule is Rule => Boolean(rule)), session };
}
