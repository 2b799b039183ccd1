/** RULE-008 no_stop_loss_grace: a position must be covered by a working stop within the grace period. */
import { z } from 'zod';
import { symbolOf } from '../../../shared/symbols';
import { breachOf, usageOf, type Breach, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';

export const noStopLossGraceConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  grace_period_seconds: z.number().int('must be a whole number of seconds').positive('must be at least 1'),
});
export type NoStopLossGraceConfig = z.infer<typeof noStopLossGraceConfigSchema>;

export const noStopLossGrace = defineRule({
  key: 'no_stop_loss_grace',
  id: 'RULE-008',
  schema: noStopLossGraceConfigSchema,
  strictness: { smallerIsStricter: ['grace_period_seconds'] },
  build: noStopLossGraceRule,
});

export function noStopLossGraceRule(config: NoStopLossGraceConfig): Rule {
  const unprotected = (context: RuleContext) =>
    context.account.positions().flatMap((position) => {
      const since = context.account.unprotectedSinceOf(position.contractId);
      return since === null ? [] : [{ position, seconds: Math.max(0, (context.now - since) / 1000) }];
    });
  return {
    id: noStopLossGrace.id,
    name: noStopLossGrace.key,
    title: 'Stop loss required',
    unit: 'seconds',
    enabled: config.enabled,
    measure(context) {
      const worst = unprotected(context).reduce<{ seconds: number; contractId: string } | null>(
        (a, u) => (!a || u.seconds > a.seconds ? { seconds: u.seconds, contractId: u.position.contractId } : a),
        null,
      );
      const seconds = worst?.seconds ?? 0;
      const summary = worst
        ? `${symbolOf(context.market, worst.contractId)} ${Math.floor(seconds)} s without a stop (grace ${config.grace_period_seconds} s)`
        : `every position has a stop (grace ${config.grace_period_seconds} s)`;
      return {
        value: Math.floor(seconds),
        limit: config.grace_period_seconds,
        usage: usageOf(seconds, config.grace_period_seconds),
        summary,
      };
    },
    evaluate(context): Breach[] {
      return unprotected(context)
        .filter((u) => u.seconds > config.grace_period_seconds)
        .map((u) =>
          breachOf(this, context, {
            category: 'tradeByTrade',
            remedy: { kind: 'closePosition', contractId: u.position.contractId },
            message: `${symbolOf(context.market, u.position.contractId)} open ${Math.floor(u.seconds)} s without a stop, grace ${config.grace_period_seconds} s`,
            value: Math.floor(u.seconds),
            limit: config.grace_period_seconds,
          }),
        );
    },
  };
}
