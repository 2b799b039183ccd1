/**
 * RULE-019 stop_moved_away: a working stop (stop, trailing stop, stop-limit) covering an open
 * position may be moved closer to the price, never farther: a sell stop lowered under a long or a
 * buy stop raised over a short widens the risk. Refused by putting the stop back where it was (a
 * tightening, as trade management moves stops); Risk Warden's own moves only tighten, so they never count.
 */
import { z } from 'zod';
import { coversPosition, type Order, type Position } from '../../../shared/domain';
import { symbolOf } from '../../../shared/symbols';
import type { Breach, Remedy, Rule, RuleContext } from '../rule';
import { behaviourBreaches, behaviourRemedyKeys, checkCooldown, offenceMeasure, REMEDY_RANKING, remedyWords } from './behaviour-remedy';
import { defineRule, type ArmContext } from './definition';

export const stopMovedAwayConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    ...behaviourRemedyKeys('refuse'),
  })
  .superRefine(checkCooldown);
export type StopMovedAwayConfig = z.infer<typeof stopMovedAwayConfigSchema>;

export const stopMovedAway = defineRule({
  key: 'stop_moved_away',
  id: 'RULE-019',
  schema: stopMovedAwayConfigSchema,
  strictness: { largerIsStricter: ['cooldown'], rankedChoices: [REMEDY_RANKING] },
  build: stopMovedAwayRule,
});

/** "Watches for a stop moved farther from the price (more risk); puts it back where it was". */
export function stopMovedAwayDescription(config: StopMovedAwayConfig): string {
  return `Watches for a stop moved farther from the price (more risk); ${remedyWords(config, 'puts it back where it was')}`;
}

interface Widening {
  order: Order;
  position: Position;
  from: number;
  to: number;
}

/** This order event moved a stop covering an open position away from the price. */
function widening(context: RuleContext, order: Order): Widening | null {
  const from = context.account.behaviour.changeOf(order.id)?.stopMovedFrom ?? null;
  const position = context.account.position(order.contractId);
  if (from === null || order.stopPrice === null || !position || !coversPosition(order, position)) return null;
  const away = Math.sign(position.size) * (from - order.stopPrice) > 0;
  return away ? { order, position, from, to: order.stopPrice } : null;
}

export function stopMovedAwayRule(config: StopMovedAwayConfig, arm: Pick<ArmContext, 'timezone'>): Rule {
  return {
    id: stopMovedAway.id,
    name: stopMovedAway.key,
    title: 'Stop moved away',
    unit: 'count',
    enabled: config.enabled,
    gauge: false,
    description: stopMovedAwayDescription(config),
    measure(context) {
      return offenceMeasure(
        context,
        this.id,
        arm.timezone,
        'No stop moved away today',
        (symbol, time) => `Stop on ${symbol} moved away at ${time}`,
      );
    },
    evaluate(context): Breach[] {
      const { event } = context;
      const moved = event?.type === 'order' ? widening(context, event.order) : null;
      if (!moved) return [];
      const { order, position, from, to } = moved;
      const contractId = position.contractId;
      // A fill of this contract on its way may already have closed the position: the stop is then not touched.
      const putBack: Remedy = context.account.settled(contractId)
        ? { kind: 'moveStop', contractId, orderId: order.id, stopPrice: from, size: order.size, side: order.side }
        : { kind: 'alert' };
      return behaviourBreaches(
        this,
        context,
        config,
        { contractId, refuse: putBack, close: [{ kind: 'closePosition', contractId }] },
        {
          message: `${symbolOf(context.market, contractId)} stop moved away from ${from} to ${to}, widening the risk`,
          value: to,
          limit: from,
        },
      );
    },
  };
}
