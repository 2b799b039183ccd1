/** RULE-002 max_contracts_per_instrument: per-symbol size; closes (or trims) the instrument past its limit. */
import { z } from 'zod';
import { symbolOf } from '../../../shared/symbols';
import { breachOf, usageOf, type Breach, type Rule, type RuleContext } from '../rule';
import { sizeRemedy, sizeActionSchema } from './size-remedy';
import { defineRule } from './definition';
import { tradedSymbolKey } from './traded-symbol-key';
import { counted } from './words';

export const maxContractsPerInstrumentConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  default_limit: z.number().int('must be a whole number of contracts').nonnegative('cannot be negative'),
  instrument_limits: z
    .record(tradedSymbolKey('MNQ'), z.number().int('must be a whole number of contracts').nonnegative('cannot be negative'))
    .default({}),
  unknown_symbol: z.enum(['allow_with_default', 'block']).default('allow_with_default'),
  action: sizeActionSchema,
});
export type MaxContractsPerInstrumentConfig = z.infer<typeof maxContractsPerInstrumentConfigSchema>;

export const maxContractsPerInstrument = defineRule({
  key: 'max_contracts_per_instrument',
  id: 'RULE-002',
  schema: maxContractsPerInstrumentConfigSchema,
  strictness: { smallerIsStricter: ['default_limit', 'instrument_limits.*'] },
  build: maxContractsPerInstrumentRule,
});

/** "Closes any position past its symbol's limit: MNQ 2, ES 1, any other symbol 3 contracts". */
export function maxContractsPerInstrumentDescription(config: MaxContractsPerInstrumentConfig): string {
  const named = Object.entries(config.instrument_limits).map(([symbol, limit]) => `${symbol} ${limit}`);
  const others =
    config.unknown_symbol === 'block'
      ? `${named.length ? `${named.join(', ')} contracts; ` : ''}any other symbol is blocked`
      : `${named.length ? `${named.join(', ')}, any other symbol ` : 'any symbol '}${counted(config.default_limit, 'contract')}`;
  return config.action === 'reduce_to_limit'
    ? `Trims any position back to its symbol's limit: ${others}`
    : `Closes any position past its symbol's limit: ${others}`;
}

export function maxContractsPerInstrumentRule(config: MaxContractsPerInstrumentConfig): Rule {
  const limitOf = (symbol: string): number =>
    config.instrument_limits[symbol] ?? (config.unknown_symbol === 'block' ? 0 : config.default_limit);
  const usages = (context: RuleContext) =>
    context.account.positions().map((position) => {
      const symbol = symbolOf(context.market, position.contractId);
      const limit = limitOf(symbol);
      return { position, symbol, limit, size: Math.abs(position.size), usage: usageOf(Math.abs(position.size), limit) };
    });
  return {
    id: maxContractsPerInstrument.id,
    name: maxContractsPerInstrument.key,
    title: 'Max contracts per instrument',
    unit: 'contracts',
    enabled: config.enabled,
    gauge: true,
    description: maxContractsPerInstrumentDescription(config),
    measure(context) {
      const worst = usages(context).reduce<ReturnType<typeof usages>[number] | null>((a, b) => (!a || b.usage > a.usage ? b : a), null);
      if (!worst) return { value: 0, limit: config.default_limit, usage: 0, summary: 'nothing open' };
      return { value: worst.size, limit: worst.limit, usage: worst.usage, summary: `${worst.size} of ${worst.limit} ${worst.symbol}` };
    },
    evaluate(context): Breach[] {
      return usages(context)
        .filter((u) => u.size > u.limit)
        .map((u) =>
          breachOf(this, context, {
            category: 'tradeByTrade',
            remedy: sizeRemedy(u.position, u.limit, config.action),
            message: `${u.size} ${u.symbol} open, limit ${u.limit}${u.limit === 0 && !(u.symbol in config.instrument_limits) ? ' (unknown symbols are blocked)' : ''}`,
            value: u.size,
            limit: u.limit,
          }),
        );
    },
  };
}
