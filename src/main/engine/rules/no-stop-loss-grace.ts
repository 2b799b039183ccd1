/** RULE-008 no_stop_loss_grace: a position must be covered by a working stop within the grace period. */
import { z } from 'zod';
import { symbolOfContractId } from '../../../shared/domain';
import { RULE_IDS } from '../../../shared/rules';
import { breachOf, usageOf, type Breach, type Rule, type RuleContext } from '../rule';

export const noStopLossGraceConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  grace_period_seconds: z.number().int('must be a whole number of seconds').positive('must be at least 1'),
});
export type NoStopLossGraceConfig = z.infer<typeof noStopLossGraceConfigSchema>;

export function noStopLossGraceRule(config: NoStopLossGraceConfig): Rule {
  const unprotected = (context: RuleContext) =>
    context.account.positions().flatMap((position) => {
      const since = context.account.unprotectedSinceOf(position.contractId);
      return since === null ? [] : [{ position, seconds: Math.max(0, (context.now - since) / 1000) }];
    });
  return {
    id: RULE_IDS.noStopLossGrace,
    name: 'no_stop_loss_grace',
    title: 'Stop loss required',
    unit: 'seconds',
    enabled: config.enabled,
    measure(context) {
      const longest = Math.max(0, ...unprotected(context).map((u) => u.seconds));
      return { value: Math.floor(longest), limit: config.grace_period_seconds, usage: usageOf(longest, config.grace_period_seconds) };
    },
    evaluate(context): Breach[] {
      return unprotected(context)
        .filter((u) => u.seconds > config.grace_period_seconds)
        .map((u) =>
          breachOf(this, context, {
            category: 'tradeByTrade',
            remedy: { kind: 'closePosition', contractId: u.position.contractId },
            message: `${symbolOfContractId(u.position.contractId)} open ${Math.floor(u.seconds)} s without a stop, grace ${config.grace_period_seconds} s`,
            value: Math.floor(u.seconds),
            limit: config.grace_period_seconds,
          }),
        );
    },
  };
}
