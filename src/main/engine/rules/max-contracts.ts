/** RULE-001 max_contracts: account-wide size; closes the position whose change caused the breach. */
import { z } from 'zod';
import type { Position } from '../../../shared/domain';
import { eventContractId } from '../../../shared/domain';
import { breachOf, usageOf, type Breach, type Measure, type Rule, type RuleContext } from '../rule';
import { sizeActionSchema, sizeRemedy } from './size-remedy';
import { defineRule } from './definition';
import { counted } from './words';

export const maxContractsConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  limit: z.number().int('must be a whole number of contracts').positive('must be at least 1'),
  count_type: z.enum(['net', 'gross']).default('net'),
  action: sizeActionSchema,
});
export type MaxContractsConfig = z.infer<typeof maxContractsConfigSchema>;

export const maxContracts = defineRule({
  key: 'max_contracts',
  id: 'RULE-001',
  schema: maxContractsConfigSchema,
  strictness: { smallerIsStricter: ['limit'] },
  build: maxContractsRule,
});

export function contractCount(positions: readonly Position[], countType: MaxContractsConfig['count_type']): number {
  if (countType === 'net') return Math.abs(positions.reduce((sum, p) => sum + p.size, 0));
  return positions.reduce((sum, p) => sum + Math.abs(p.size), 0);
}

const COUNTED_AS: Record<MaxContractsConfig['count_type'], string> = { net: 'net', gross: 'longs and shorts added up' };

/** "Closes the position that takes you past 5 contracts open (net)". */
export function maxContractsDescription(config: MaxContractsConfig): string {
  const past = `past ${counted(config.limit, 'contract')} open (${COUNTED_AS[config.count_type]})`;
  return config.action === 'reduce_to_limit'
    ? `Trims the position that takes you ${past} back to the limit`
    : `Closes the position that takes you ${past}`;
}

export function maxContractsRule(config: MaxContractsConfig): Rule {
  // Contracts already being closed do not count: they must not make another position the culprit.
  const countedPositions = (context: RuleContext) => context.account.positions().filter((p) => !context.closing.has(p.contractId));
  const measure = (context: RuleContext): Measure => {
    const value = contractCount(countedPositions(context), config.count_type);
    return { value, limit: config.limit, usage: usageOf(value, config.limit) };
  };
  return {
    id: maxContracts.id,
    name: maxContracts.key,
    title: 'Max contracts',
    unit: 'contracts',
    enabled: config.enabled,
    gauge: true,
    description: maxContractsDescription(config),
    measure,
    evaluate(context): Breach[] {
      const { value } = measure(context);
      if (value <= config.limit) return [];
      // A net count only falls when a position on the net's side shrinks: closing a short while net
      // long would raise it. A gross count falls whichever position shrinks.
      const positions = countedPositions(context);
      const side = config.count_type === 'net' ? Math.sign(positions.reduce((sum, p) => sum + p.size, 0)) : 0;
      const candidates = side === 0 ? positions : positions.filter((p) => Math.sign(p.size) === side);
      const fromEvent = eventContractId(context.event);
      const offending =
        candidates.find((p) => p.contractId === fromEvent) ??
        candidates.reduce((largest, p) => (Math.abs(p.size) > Math.abs(largest.size) ? p : largest));
      return [
        breachOf(this, context, {
          category: 'tradeByTrade',
          remedy: sizeRemedy(offending, config.limit, config.action, value - config.limit),
          message: `${counted(value, 'contract')} open (${config.count_type}), limit ${config.limit}`,
          value,
          limit: config.limit,
        }),
      ];
    },
  };
}
