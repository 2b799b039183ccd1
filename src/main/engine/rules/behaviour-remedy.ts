/**
 * What the three behaviour rules (adding to a loser, a stop moved away, revenge re-entry) share:
 * the trader's choice of remedy, what each choice does, its words, and the card's summary of the
 * day's offences. Each rule says what refusing and closing its offence mean.
 */
import { z } from 'zod';
import type { ContractId, Order } from '../../../shared/domain';
import { symbolOf } from '../../../shared/symbols';
import { wallClock } from '../../../shared/time-format';
import { breachOf, type Breach, type Measure, type Remedy, type Rule, type RuleContext } from '../rule';
import { durationSchema } from './duration';
import { durationText } from './words';

/** Loosest first: a move to a later one is a tightening. */
export const BEHAVIOUR_REMEDIES = ['warn', 'refuse', 'close', 'cooldown'] as const;
export type BehaviourRemedy = (typeof BEHAVIOUR_REMEDIES)[number];

/** The `remedy` and `cooldown` keys of a behaviour rule's config. */
export function behaviourRemedyKeys(defaultRemedy: BehaviourRemedy) {
  return {
    remedy: z.enum(BEHAVIOUR_REMEDIES, { error: `must be one of ${BEHAVIOUR_REMEDIES.join(', ')}` }).default(defaultRemedy),
    cooldown: durationSchema.optional(),
  };
}

export interface BehaviourRemedyConfig {
  remedy: BehaviourRemedy;
  /** Milliseconds; set exactly when the remedy is cooldown. */
  cooldown?: number | undefined;
}

/** `cooldown` is needed by remedy cooldown and means nothing with any other remedy. */
export function checkCooldown(config: BehaviourRemedyConfig, context: z.RefinementCtx): void {
  if (config.remedy === 'cooldown' && config.cooldown === undefined)
    context.addIssue({ code: 'custom', path: ['cooldown'], message: 'is required with remedy: cooldown (a duration such as 15m)' });
  if (config.remedy !== 'cooldown' && config.cooldown !== undefined)
    context.addIssue({
      code: 'custom',
      path: ['cooldown'],
      message: `is only used with remedy: cooldown, not with remedy: ${config.remedy}`,
    });
}

/** How a reload ranks a change of remedy: warn < refuse < close < cooldown, and a longer cooldown is stricter. */
export const REMEDY_RANKING = { path: 'remedy', loosestFirst: BEHAVIOUR_REMEDIES } as const;

/** One offence and what refusing and closing it take. */
export interface Offence {
  contractId: ContractId;
  /** Cancel the order, put the stop back, take the added contracts back off. */
  refuse: Remedy;
  /** Close the position, and cancel an order that would otherwise reopen or add to it. */
  close: readonly Remedy[];
}

function remediesOf(config: BehaviourRemedyConfig, offence: Offence): Pick<Breach, 'category' | 'remedy'>[] {
  switch (config.remedy) {
    case 'warn':
      return [{ category: 'tradeByTrade', remedy: { kind: 'alert' } }];
    case 'refuse':
      return [{ category: 'tradeByTrade', remedy: offence.refuse }];
    case 'close':
      return offence.close.map((remedy) => ({ category: 'tradeByTrade', remedy }));
    case 'cooldown':
      // The schema requires the duration with this remedy.
      return [{ category: 'cooldown', remedy: { kind: 'flatten', lock: { kind: 'cooldown', durationMs: config.cooldown! } } }];
  }
}

/**
 * An order the trader just placed that is still to fill. A market order is judged by its fill
 * instead: it fills at once, so a cancel would only race it. A suspended bracket leg waits on its
 * entry order, which is the one judged.
 */
export function isNewPendingOrder(context: RuleContext, order: Order): boolean {
  return order.kind !== 'market' && order.state !== 'suspended' && (context.account.behaviour.changeOf(order.id)?.isNew ?? false);
}

/** The breaches of one offence, noted for the rule's card. */
export function behaviourBreaches(
  rule: Pick<Rule, 'id' | 'name'>,
  context: RuleContext,
  config: BehaviourRemedyConfig,
  offence: Offence,
  fields: Pick<Breach, 'message' | 'value' | 'limit'>,
): Breach[] {
  context.account.behaviour.noteOffence(rule.id, context.now, offence.contractId);
  return remediesOf(config, offence).map((remedy) => breachOf(rule, context, { ...remedy, ...fields }));
}

/** What the rule does in words: "warns", `refuse` (the rule's own words), "closes the position", "flattens and pauses trading for 15 min". */
export function remedyWords(config: BehaviourRemedyConfig, refuse: string): string {
  switch (config.remedy) {
    case 'warn':
      return 'warns';
    case 'refuse':
      return refuse;
    case 'close':
      return 'closes the position';
    case 'cooldown':
      return `flattens and pauses trading for ${durationText(config.cooldown!)}`;
  }
}

/**
 * A yes/no card: no bar, the day's offences counted, the latest in words with its time in the
 * trading timezone ("Stop on MNQ moved away at 10:42 AM CT"), or `none`.
 */
export function offenceMeasure(
  context: RuleContext,
  ruleId: string,
  timezone: string,
  none: string,
  latest: (symbol: string, time: string) => string,
): Measure {
  const offence = context.account.behaviour.offence(ruleId);
  if (!offence) return { value: 0, limit: 0, usage: 0, summary: none };
  const time = wallClock(new Date(offence.at).toISOString(), timezone, context.now);
  const times = offence.count > 1 ? ` (${offence.count} times today)` : '';
  return { value: offence.count, limit: 0, usage: 0, summary: `${latest(symbolOf(context.market, offence.contractId), time)}${times}` };
}
