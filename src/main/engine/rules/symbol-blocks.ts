/** RULE-011 symbol_blocks: a blacklist; any order or position in a blocked symbol is cancelled or closed. */
import { z } from 'zod';
import { symbolOf } from '../../../shared/symbols';
import { breachOf, usageOf, type Breach, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';
import { tradedSymbolKey } from './traded-symbol-key';
import { counted, listed } from './words';

export const symbolBlocksConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  blocked_symbols: z.array(tradedSymbolKey('CL')),
});
export type SymbolBlocksConfig = z.infer<typeof symbolBlocksConfigSchema>;

export const symbolBlocks = defineRule({
  key: 'symbol_blocks',
  id: 'RULE-011',
  schema: symbolBlocksConfigSchema,
  strictness: { supersetIsStricter: ['blocked_symbols'] },
  build: symbolBlocksRule,
});

/** "Closes any position and cancels any order in CL or NG". */
export function symbolBlocksDescription(config: SymbolBlocksConfig): string {
  if (config.blocked_symbols.length === 0) return 'Blocks no symbol (the list is empty)';
  return `Closes any position and cancels any order in ${listed(config.blocked_symbols, 'or')}`;
}

export function symbolBlocksRule(config: SymbolBlocksConfig): Rule {
  const blocked = new Set(config.blocked_symbols);
  const offending = (context: RuleContext) => ({
    positions: context.account.positions().filter((p) => blocked.has(symbolOf(context.market, p.contractId))),
    orders: context.account.workingOrders().filter((o) => blocked.has(symbolOf(context.market, o.contractId))),
  });
  return {
    id: symbolBlocks.id,
    name: symbolBlocks.key,
    title: 'Blocked symbols',
    unit: 'count',
    enabled: config.enabled,
    gauge: false,
    description: symbolBlocksDescription(config),
    measure(context) {
      const { positions, orders } = offending(context);
      const value = positions.length + orders.length;
      const list = config.blocked_symbols.join(', ');
      return {
        value,
        limit: 0,
        usage: usageOf(value, 0),
        summary:
          value === 0
            ? `nothing open in ${list}`
            : `${listed([
                ...(positions.length > 0 ? [counted(positions.length, 'position')] : []),
                ...(orders.length > 0 ? [counted(orders.length, 'open order')] : []),
              ])} in ${list}`,
      };
    },
    evaluate(context): Breach[] {
      const { positions, orders } = offending(context);
      const base = { category: 'tradeByTrade' as const, value: 1, limit: 0 };
      return [
        ...positions.map((p) =>
          breachOf(this, context, {
            ...base,
            remedy: { kind: 'closePosition', contractId: p.contractId },
            message: `${symbolOf(context.market, p.contractId)} is a blocked symbol: position closed`,
          }),
        ),
        ...orders.map((o) =>
          breachOf(this, context, {
            ...base,
            remedy: { kind: 'cancelOrder', orderId: o.id, contractId: o.contractId },
            message: `${symbolOf(context.market, o.contractId)} is a blocked symbol: order cancelled`,
          }),
        ),
      ];
    },
  };
}
