/**
 * RULE-012 trade_management: protect winners. Moves the position's stop to entry ± offset once it
 * is far enough in profit (breakeven), then trails it behind the mark. Never widens a stop; places
 * one when the position has none, only for a position broker and fills agree on. Never locks.
 */
import { z } from 'zod';
import type { Position } from '../../../shared/domain';
import { symbolOf } from '../../../shared/symbols';
import { breachOf, type Breach, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';
import { counted } from './words';

const ticks = z.number().int('must be a whole number of ticks');

export const tradeManagementConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    auto_breakeven: z
      .strictObject({
        profit_ticks: ticks.positive('must be at least 1'),
        offset_ticks: ticks.nonnegative('cannot be negative').default(0),
      })
      .optional(),
    trailing_stop: z
      .strictObject({ activation_ticks: ticks.positive('must be at least 1'), trail_ticks: ticks.positive('must be at least 1') })
      .optional(),
  })
  .refine((c) => c.auto_breakeven !== undefined || c.trailing_stop !== undefined, 'needs auto_breakeven, trailing_stop or both');
export type TradeManagementConfig = z.infer<typeof tradeManagementConfigSchema>;

export const tradeManagement = defineRule({
  key: 'trade_management',
  id: 'RULE-012',
  schema: tradeManagementConfigSchema,
  strictness: { smallerIsStricter: ['auto_breakeven.profit_ticks', 'trailing_stop.activation_ticks', 'trailing_stop.trail_ticks'] },
  build: tradeManagementRule,
});

interface StopMove {
  position: Position;
  stopPrice: number;
  orderId: number | null;
  why: string;
}

/**
 * "Moves the stop to entry + 1 tick once a position is 4 ticks in profit, then trails it 4 ticks behind
 * the price from 8 ticks in profit; never widens a stop".
 */
export function tradeManagementDescription(config: TradeManagementConfig): string {
  const parts: string[] = [];
  if (config.auto_breakeven) {
    const { profit_ticks, offset_ticks } = config.auto_breakeven;
    const to = offset_ticks === 0 ? 'entry' : `entry + ${counted(offset_ticks, 'tick')}`;
    parts.push(`moves the stop to ${to} once a position is ${counted(profit_ticks, 'tick')} in profit`);
  }
  if (config.trailing_stop) {
    const { activation_ticks, trail_ticks } = config.trailing_stop;
    parts.push(
      `${parts.length ? 'then ' : ''}trails it ${counted(trail_ticks, 'tick')} behind the price from ${counted(activation_ticks, 'tick')} in profit`,
    );
  }
  const text = `${parts.join(', ')}; never widens a stop`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function tradeManagementRule(config: TradeManagementConfig): Rule {
  const moves = (context: RuleContext): StopMove[] =>
    context.account.positions().flatMap((position): StopMove[] => {
      // A fill of this contract on its way (its stop's own, say) may already have closed the position.
      if (!context.account.settled(position.contractId)) return [];
      const contract = context.market.contract(position.contractId);
      const mark = context.market.mark(position.contractId);
      if (!contract || mark === undefined) return [];
      const direction = Math.sign(position.size);
      const tick = contract.tickSize;
      const inProfit = Math.round((direction * (mark - position.averagePrice)) / tick);
      const candidates: { price: number; why: string }[] = [];
      if (config.auto_breakeven && inProfit >= config.auto_breakeven.profit_ticks) {
        candidates.push({ price: position.averagePrice + direction * config.auto_breakeven.offset_ticks * tick, why: 'breakeven' });
      }
      if (config.trailing_stop && inProfit >= config.trailing_stop.activation_ticks) {
        candidates.push({ price: mark - direction * config.trailing_stop.trail_ticks * tick, why: 'trailing' });
      }
      if (candidates.length === 0) return [];
      const best = candidates.reduce((a, b) => (direction * (b.price - a.price) > 0 ? b : a));
      const stopPrice = Math.round(best.price / tick) * tick;
      const stop = context.account.stopFor(position);
      if (stop?.stopPrice != null && direction * (stopPrice - stop.stopPrice) <= 0) return [];
      return [{ position, stopPrice, orderId: stop?.id ?? null, why: best.why }];
    });
  return {
    id: tradeManagement.id,
    name: tradeManagement.key,
    title: 'Trade management',
    unit: 'count',
    enabled: config.enabled,
    gauge: false,
    description: tradeManagementDescription(config),
    measure(context) {
      const positions = context.account.positions();
      const managed = positions.filter((p) => context.account.stopFor(p)).length;
      const summary =
        positions.length === 0 ? 'no open position to manage' : `${managed} of ${counted(positions.length, 'position')} with a stop`;
      return { value: managed, limit: positions.length, usage: 0, summary };
    },
    evaluate(context): Breach[] {
      return moves(context).map((move) =>
        breachOf(this, context, {
          category: 'automation',
          remedy: {
            kind: 'moveStop',
            contractId: move.position.contractId,
            orderId: move.orderId,
            stopPrice: move.stopPrice,
            size: Math.abs(move.position.size),
            side: move.position.size > 0 ? 'sell' : 'buy',
          },
          message: `${move.orderId === null ? 'placing the' : 'moving the'} ${symbolOf(context.market, move.position.contractId)} stop ${move.orderId === null ? 'at' : 'to'} ${move.stopPrice} (${move.why})`,
          value: move.stopPrice,
          limit: move.position.averagePrice,
        }),
      );
    },
  };
}
