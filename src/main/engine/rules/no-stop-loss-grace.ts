/** RULE-008 no_stop_loss_grace: a position must be covered by a working stop within the grace period. */
import { z } from 'zod';
import { symbolOf } from '../../../shared/symbols';
import { breachOf, usageOf, type Breach, type Imminent, type Rule, type RuleContext } from '../rule';
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
  const graceMs = config.grace_period_seconds * 1000;
  const unprotected = (context: RuleContext) =>
    context.account.positions().flatMap((position) => {
      const since = context.account.unprotectedSinceOf(position.contractId);
      return since === null ? [] : [{ position, since, seconds: Math.max(0, (context.now - since) / 1000) }];
    });
  /** The next position whose grace runs out, while it has not yet: it is closed then unless a stop is placed. */
  const imminent = (context: RuleContext): Imminent | undefined => {
    const due = unprotected(context)
      .map((u) => ({ at: u.since + graceMs, contractId: u.position.contractId }))
      .filter((u) => u.at > context.now)
      .reduce<{ at: number; contractId: string } | null>((a, u) => (!a || u.at < a.at ? u : a), null);
    return due ? { at: due.at, text: `${symbolOf(context.market, due.contractId)} will be closed unless a stop is placed` } : undefined;
  };
  return {
    id: noStopLossGrace.id,
    name: noStopLossGrace.key,
    title: 'Stop loss required',
    unit: 'seconds',
    enabled: config.enabled,
    gauge: true,
    description: `Closes a position left without a stop for ${config.grace_period_seconds} s`,
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
        imminent: imminent(context),
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
