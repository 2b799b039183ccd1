/**
 * RULE-020 revenge_reentry: no new position within `within` of a losing close (a closing fill that
 * lost net of its fees), optionally only in the symbol that lost or only larger than the position
 * that lost. Judged on a new working entry order on a flat contract (refused by cancelling it) and
 * on the fill that opened a position (refused by closing it).
 */
import { z } from 'zod';
import type { ContractId, Fill, Order } from '../../../shared/domain';
import { signedMoney } from '../../../shared/money';
import { symbolOf } from '../../../shared/symbols';
import type { LosingClose } from '../behaviour-memory';
import type { Breach, Remedy, Rule, RuleContext } from '../rule';
import {
  behaviourBreaches,
  behaviourRemedyKeys,
  checkCooldown,
  isNewPendingOrder,
  offenceMeasure,
  REMEDY_RANKING,
  remedyWords,
} from './behaviour-remedy';
import { defineRule, type ArmContext } from './definition';
import { durationSchema } from './duration';
import { counted, durationText } from './words';

export const revengeReentryConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    within: durationSchema,
    same_symbol_only: z.boolean().default(false),
    larger_size_only: z.boolean().default(false),
    ...behaviourRemedyKeys('refuse'),
  })
  .superRefine(checkCooldown);
export type RevengeReentryConfig = z.infer<typeof revengeReentryConfigSchema>;

export const revengeReentry = defineRule({
  key: 'revenge_reentry',
  id: 'RULE-020',
  schema: revengeReentryConfigSchema,
  // The two `_only` switches narrow the rule when on: off is stricter, which a reload cannot rank, so either change waits for the reset.
  strictness: { largerIsStricter: ['within', 'cooldown'], rankedChoices: [REMEDY_RANKING] },
  build: revengeReentryRule,
});

/** "Watches for a new position within 5 min of a losing close (same symbol, larger size only); cancels the entry order, or closes the new position". */
export function revengeReentryDescription(config: RevengeReentryConfig): string {
  const only = [...(config.same_symbol_only ? ['same symbol'] : []), ...(config.larger_size_only ? ['larger size'] : [])];
  const scope = only.length > 0 ? ` (${only.join(', ')} only)` : '';
  const does = remedyWords(config, 'cancels the entry order, or closes the new position');
  return `Watches for a new position within ${durationText(config.within)} of a losing close${scope}; ${does}`;
}

interface Entry {
  contractId: ContractId;
  /** Contracts of the new position (or of the entry order). */
  size: number;
  at: number;
  order: Order | null;
}

/** A new working entry order on a flat contract. */
function orderEntry(context: RuleContext, order: Order): Entry | null {
  if (!isNewPendingOrder(context, order)) return null;
  if (context.account.position(order.contractId)) return null;
  return { contractId: order.contractId, size: order.size, at: context.now, order };
}

/** The fill that opened a position on a flat contract. */
function fillEntry(context: RuleContext, fill: Fill): Entry | null {
  const position = context.account.position(fill.contractId);
  if (fill.profitAndLoss !== null || position?.size !== fill.size) return null;
  return { contractId: fill.contractId, size: Math.abs(fill.size), at: Date.parse(fill.timestamp), order: null };
}

export function revengeReentryRule(config: RevengeReentryConfig, arm: Pick<ArmContext, 'timezone'>): Rule {
  /** The latest losing close the entry counts as revenge for. */
  const provokedBy = (context: RuleContext, entry: Entry): LosingClose | null => {
    let latest: LosingClose | null = null;
    for (const close of context.account.behaviour.losingCloses()) {
      if (entry.at < close.at || entry.at - close.at > config.within) continue;
      if (config.same_symbol_only && symbolOf(context.market, close.contractId) !== symbolOf(context.market, entry.contractId)) continue;
      if (config.larger_size_only && entry.size <= close.size) continue;
      if (!latest || close.at > latest.at) latest = close;
    }
    return latest;
  };
  return {
    id: revengeReentry.id,
    name: revengeReentry.key,
    title: 'Revenge re-entry',
    unit: 'count',
    enabled: config.enabled,
    gauge: false,
    description: revengeReentryDescription(config),
    measure(context) {
      return offenceMeasure(
        context,
        this.id,
        arm.timezone,
        'No revenge re-entry today',
        (symbol, time) => `Re-entered ${symbol} at ${time} after a loss`,
      );
    },
    evaluate(context): Breach[] {
      const { event } = context;
      let entry: Entry | null = null;
      if (event?.type === 'order') entry = orderEntry(context, event.order);
      else if (event?.type === 'fill') entry = fillEntry(context, event.fill);
      const close = entry && provokedBy(context, entry);
      if (!entry || !close) return [];
      const { contractId, order } = entry;
      const refuse: Remedy = order ? { kind: 'cancelOrder', orderId: order.id, contractId } : { kind: 'closePosition', contractId };
      const seconds = Math.round((entry.at - close.at) / 1000);
      const what = order ? 'An order to open' : 'Opened';
      const symbol = symbolOf(context.market, contractId);
      return behaviourBreaches(
        this,
        context,
        config,
        { contractId, refuse, close: [refuse] },
        {
          message: `${what} ${counted(entry.size, `${symbol} contract`)} ${seconds} s after closing ${symbolOf(context.market, close.contractId)} at ${signedMoney(close.loss)} (within ${durationText(config.within)})`,
          value: seconds,
          limit: Math.round(config.within / 1000),
        },
      );
    },
  };
}
