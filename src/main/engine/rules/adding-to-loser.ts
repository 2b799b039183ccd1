/**
 * RULE-018 adding_to_loser: no scaling into a position whose open P&L is at or below `loss`. Judged
 * on a new working order on the adding side (refused by cancelling it before it fills) and on a
 * fill that added (a market order fills at once: refused by taking the added contracts back off).
 * The loss is the position's as it was before the add, at the mark.
 */
import { z } from 'zod';
import { roundCents, type Fill, type Order, type Position } from '../../../shared/domain';
import { money, signedMoney } from '../../../shared/money';
import { symbolOf } from '../../../shared/symbols';
import { unrealizedPnl } from '../pnl';
import { breachOf, type Breach, type Rule, type RuleContext } from '../rule';
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
import { counted } from './words';

export const addingToLoserConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    loss: z.number().negative('must be negative (the open P&L in USD from which adding is refused, e.g. -100)'),
    ...behaviourRemedyKeys('refuse'),
  })
  .superRefine(checkCooldown);
export type AddingToLoserConfig = z.infer<typeof addingToLoserConfigSchema>;

export const addingToLoser = defineRule({
  key: 'adding_to_loser',
  id: 'RULE-018',
  schema: addingToLoserConfigSchema,
  strictness: { largerIsStricter: ['loss', 'cooldown'], rankedChoices: [REMEDY_RANKING] },
  build: addingToLoserRule,
});

/** "Refuses an add to a position whose open P&L is at or below -$100.00: cancels the order, or takes the added contracts back off". */
export function addingToLoserDescription(config: AddingToLoserConfig): string {
  const does = remedyWords(config, 'refuses it: cancels the order, or takes the added contracts back off');
  return `Watches for an add to a position whose open P&L is at or below ${money(config.loss)}; ${does}`;
}

interface Add {
  position: Position;
  /** Open P&L of the position before the add. */
  open: number;
  /** Contracts added (or to be added). */
  size: number;
  /** The working order, when the add has not filled yet. */
  order: Order | null;
}

/** A new working order that would add to the position. */
function orderAdd(context: RuleContext, order: Order): Add | null {
  if (!isNewPendingOrder(context, order)) return null;
  const position = context.account.position(order.contractId);
  if (!position || (order.side === 'buy') !== position.size > 0) return null;
  const open = context.account.unrealizedOf(position);
  return open === null ? null : { position, open, size: order.size, order };
}

/** A fill that added to the position: its open P&L before the add is today's less what the added contracts make at the mark. */
function fillAdd(context: RuleContext, fill: Fill): Add | null {
  if (fill.profitAndLoss !== null) return null;
  const position = context.account.position(fill.contractId);
  if (!position || Math.sign(position.size) !== Math.sign(fill.size) || Math.abs(position.size) <= Math.abs(fill.size)) return null;
  const open = context.account.unrealizedOf(position);
  const contract = context.market.contract(fill.contractId);
  const mark = context.market.mark(fill.contractId);
  if (open === null || !contract || mark === undefined) return null;
  const added = unrealizedPnl({ size: fill.size, averagePrice: fill.price }, contract, mark);
  return { position, open: open - added, size: Math.abs(fill.size), order: null };
}

/**
 * What is still to take back of refused adds: an add that fills in several parts gives one trim per
 * fill, and a trim already on its way holds the next one back, so once the position is settled what
 * is left above the size before the add is trimmed. Owed no more once the position is back to that
 * size, gone or turned.
 */
function owedTrims(rule: Pick<Rule, 'id' | 'name'>, context: RuleContext): Breach[] {
  const { behaviour } = context.account;
  if (behaviour.refusedAdds().size === 0) return [];
  const owed: Breach[] = [];
  for (const [contractId, refused] of behaviour.refusedAdds()) {
    const position = context.account.position(contractId);
    const size = position ? position.size * refused.side : 0;
    if (size <= refused.size) {
      behaviour.settleRefusedAdd(contractId);
      continue;
    }
    if (!context.account.settled(contractId) || context.closing.has(contractId)) continue;
    owed.push(
      breachOf(rule, context, {
        category: 'tradeByTrade',
        remedy: { kind: 'reducePosition', contractId, size: size - refused.size, targetSize: refused.size },
        message: `${counted(size - refused.size, 'contract')} of a refused add to ${symbolOf(context.market, contractId)} still open: taken back to ${refused.size}`,
        value: size,
        limit: refused.size,
      }),
    );
  }
  return owed;
}

export function addingToLoserRule(config: AddingToLoserConfig, arm: Pick<ArmContext, 'timezone'>): Rule {
  return {
    id: addingToLoser.id,
    name: addingToLoser.key,
    title: 'Adding to a loser',
    unit: 'count',
    enabled: config.enabled,
    gauge: false,
    description: addingToLoserDescription(config),
    measure(context) {
      return offenceMeasure(
        context,
        this.id,
        arm.timezone,
        'No add to a loser today',
        (symbol, time) => `Added to a losing ${symbol} at ${time}`,
      );
    },
    evaluate(context): Breach[] {
      const { event } = context;
      const owed = config.remedy === 'refuse' ? owedTrims(this, context) : [];
      let add: Add | null = null;
      if (event?.type === 'order') add = orderAdd(context, event.order);
      else if (event?.type === 'fill') add = fillAdd(context, event.fill);
      if (!add || roundCents(add.open) > config.loss) return owed;
      const { position, order } = add;
      const contractId = position.contractId;
      const symbol = symbolOf(context.market, contractId);
      const before = Math.abs(position.size) - (order ? 0 : add.size);
      if (!order && config.remedy === 'refuse') {
        const earlier = context.account.behaviour.refusedAdds().get(contractId);
        context.account.behaviour.refuseAdd(contractId, {
          size: Math.min(before, earlier?.size ?? before),
          side: position.size > 0 ? 1 : -1,
        });
      }
      const refuse = order
        ? { kind: 'cancelOrder' as const, orderId: order.id, contractId }
        : { kind: 'reducePosition' as const, contractId, size: add.size, targetSize: before };
      const close = [{ kind: 'closePosition' as const, contractId }, ...(order ? [refuse] : [])];
      const what = order ? `An order to add ${counted(add.size, 'contract')}` : `${counted(add.size, 'contract')} added`;
      return [
        ...owed,
        ...behaviourBreaches(
          this,
          context,
          config,
          { contractId, refuse, close },
          {
            message: `${what} to ${before} ${symbol} at ${signedMoney(roundCents(add.open))} open P&L, at or below ${money(config.loss)}`,
            value: roundCents(add.open),
            limit: config.loss,
          },
        ),
      ];
    },
  };
}
