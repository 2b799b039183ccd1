/** Every rule Risk Warden has, in id order: the config schema's `rules:` and the armed rule set both come from this one list. */
import type { Rule } from '../rule';
import type { SessionClock } from '../../schedule/session-clock';
import { addingToLoser } from './adding-to-loser';
import { authLossGuard } from './auth-loss-guard';
import { cooldownAfterLoss } from './cooldown-after-loss';
import { dailyRealizedLoss } from './daily-realized-loss';
import { dailyRealizedProfit } from './daily-realized-profit';
import { dailyUnrealizedLoss } from './daily-unrealized-loss';
import type { ArmContext, RuleDefinition } from './definition';
import { maxContracts } from './max-contracts';
import { maxContractsPerInstrument } from './max-contracts-per-instrument';
import { maxUnrealizedProfit } from './max-unrealized-profit';
import { noStopLossGrace } from './no-stop-loss-grace';
import { profitGiveback } from './profit-giveback';
import { revengeReentry } from './revenge-reentry';
import { sessionBlockOutside } from './session-block-outside';
import { stopMovedAway } from './stop-moved-away';
import { symbolBlocks } from './symbol-blocks';
import { tradeFrequencyLimit } from './trade-frequency-limit';
import { tradeManagement } from './trade-management';
import { trailingDailyLoss } from './trailing-daily-loss';
import { weeklyLossLimit } from './weekly-loss-limit';
import { weeklyTradeLimit } from './weekly-trade-limit';

export const RULE_DEFINITIONS = [
  maxContracts,
  maxContractsPerInstrument,
  dailyRealizedLoss,
  dailyUnrealizedLoss,
  maxUnrealizedProfit,
  tradeFrequencyLimit,
  cooldownAfterLoss,
  noStopLossGrace,
  sessionBlockOutside,
  authLossGuard,
  symbolBlocks,
  tradeManagement,
  dailyRealizedProfit,
  trailingDailyLoss,
  profitGiveback,
  weeklyLossLimit,
  weeklyTradeLimit,
  addingToLoser,
  stopMovedAway,
  revengeReentry,
] as const;

export interface ArmedRules {
  rules: Rule[];
  /** The clock of session_block_outside when it is configured: locks until the next session start read it. */
  session: SessionClock | null;
}

/** The configured rules, in id order, from a config the schema made from these same definitions has parsed. */
export function armRules(config: { readonly rules: Readonly<Record<string, unknown>>; readonly timezone: string }): ArmedRules {
  let session: SessionClock | null = null;
  const context: ArmContext = {
    timezone: config.timezone,
    useSession(clock) {
      session = clock;
    },
  };
  const rules = RULE_DEFINITIONS.flatMap((definition: RuleDefinition) => {
    const ruleConfig = config.rules[definition.key];
    return ruleConfig === undefined ? [] : [definition.build(ruleConfig, context)];
  });
  return { rules, session };
}
