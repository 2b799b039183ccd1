/** RULE-007 cooldown_after_loss: the tilt brake; one losing close past a tier flattens and cools down. */
import { z } from 'zod';
import { money, signedMoney } from '../../../shared/money';
import { symbolOf } from '../../../shared/symbols';
import { breachOf, usageOf, type Breach, type Rule } from '../rule';
import { durationSchema } from './duration';
import { defineRule } from './definition';
import { durationText, listed } from './words';

export const cooldownAfterLossConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  tiers: z
    .array(z.strictObject({ loss: z.number().negative('must be negative (a loss in USD, e.g. -100)'), cooldown: durationSchema }))
    .min(1, 'needs at least one tier'),
});
export type CooldownAfterLossConfig = z.infer<typeof cooldownAfterLossConfigSchema>;

export const cooldownAfterLoss = defineRule({
  key: 'cooldown_after_loss',
  id: 'RULE-007',
  schema: cooldownAfterLossConfigSchema,
  build: cooldownAfterLossRule,
});

/** "Flattens and pauses trading after a closed trade loses at least $100.00 (15 min pause) or $300.00 (1 h pause)". */
export function cooldownAfterLossDescription(config: CooldownAfterLossConfig): string {
  const tiers = [...config.tiers].sort((a, b) => b.loss - a.loss);
  return `Flattens and pauses trading after a closed trade loses at least ${listed(
    tiers.map((tier) => `${money(-tier.loss)} (${durationText(tier.cooldown)} pause)`),
    'or',
  )}`;
}

export function cooldownAfterLossRule(config: CooldownAfterLossConfig): Rule {
  const smallestLoss = Math.max(...config.tiers.map((t) => t.loss));
  return {
    id: cooldownAfterLoss.id,
    name: cooldownAfterLoss.key,
    title: 'Cooldown after a loss',
    unit: 'usd',
    enabled: config.enabled,
    gauge: true,
    description: cooldownAfterLossDescription(config),
    measure(context) {
      const worst = context.account.worstClosingFill();
      return { value: worst, limit: smallestLoss, usage: usageOf(worst, smallestLoss) };
    },
    /** The largest tier the closing fill reaches wins: a −350 loss with tiers −100 and −300 cools down for the −300 tier. */
    evaluate(context): Breach[] {
      const { event } = context;
      if (event?.type !== 'fill' || event.fill.profitAndLoss === null || event.fill.voided) return [];
      const loss = event.fill.profitAndLoss;
      const matched = config.tiers.filter((tier) => loss <= tier.loss);
      if (matched.length === 0) return [];
      const tier = matched.reduce((a, b) => (b.loss < a.loss ? b : a));
      return [
        breachOf(this, context, {
          category: 'cooldown',
          remedy: { kind: 'flatten', lock: { kind: 'cooldown', durationMs: tier.cooldown } },
          message: `${symbolOf(context.market, event.fill.contractId)} trade closed at ${signedMoney(loss)}, reaching the ${money(tier.loss)} loss tier (${durationText(tier.cooldown)} pause)`,
          value: loss,
          limit: tier.loss,
        }),
      ];
    },
  };
}
