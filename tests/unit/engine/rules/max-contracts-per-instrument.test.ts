import { describe, expect, it } from 'vitest';
import {
  maxContractsPerInstrumentConfigSchema,
  maxContractsPerInstrumentRule,
} from '../../../../src/main/engine/rules/max-contracts-per-instrument';
import { accountWith, CONTRACTS, contextOf, position } from '../../../helpers/states';

const rule = (config: object) => maxContractsPerInstrumentRule(maxContractsPerInstrumentConfigSchema.parse(config));
const base = { default_limit: 3, instrument_limits: { MNQ: 2, ES: 1 } };

describe('RULE-002 max_contracts_per_instrument', () => {
  it.each([
    { symbol: 'MNQ', size: 2, breach: false },
    { symbol: 'MNQ', size: 3, breach: true },
    { symbol: 'MNQ', size: -3, breach: true },
    { symbol: 'ES', size: 1, breach: false },
    { symbol: 'ES', size: 2, breach: true },
    { symbol: 'NQ', size: 3, breach: false }, // unlisted: the default limit
    { symbol: 'NQ', size: 4, breach: true },
  ] as const)('$symbol size $size → breach $breach', ({ symbol, size, breach }) => {
    expect(rule(base).evaluate(contextOf(accountWith({ positions: [position(symbol, size)] }))).length > 0).toBe(breach);
  });

  it('maps the product to the symbol a trader types: ENQ is NQ, EP is ES', () => {
    const [breach] = rule(base).evaluate(contextOf(accountWith({ positions: [position('ES', 2)] })));
    expect(breach?.message).toBe('2 ES open, limit 1');
  });

  it.each([
    ['ZN', 'CON.F.US.TYA.Z26'],
    ['6E', 'CON.F.US.EU6.Z26'],
    ['NG', 'CON.F.US.NGE.Z26'],
    ['GC', 'CON.F.US.GCE.Z26'],
  ] as const)('applies the %s limit to %s, the id its contracts trade under', (symbol, contractId) => {
    const limited = rule({ default_limit: 5, instrument_limits: { [symbol]: 1 }, unknown_symbol: 'block' });
    expect(CONTRACTS[symbol]!.id).toBe(contractId);
    expect(limited.evaluate(contextOf(accountWith({ positions: [position(symbol, 1)] })))).toEqual([]);
    expect(limited.evaluate(contextOf(accountWith({ positions: [position(symbol, 2)] })))[0]?.message).toBe(`2 ${symbol} open, limit 1`);
  });

  it('blocks unlisted symbols when unknown_symbol is block', () => {
    const [breach] = rule({ ...base, unknown_symbol: 'block' }).evaluate(contextOf(accountWith({ positions: [position('NQ', 1)] })));
    expect(breach).toMatchObject({ remedy: { kind: 'closePosition', contractId: CONTRACTS.NQ!.id }, limit: 0 });
    expect(breach?.message).toContain('unknown symbols are blocked');
  });

  it('trims only the excess with reduce_to_limit', () => {
    const [breach] = rule({ ...base, action: 'reduce_to_limit' }).evaluate(contextOf(accountWith({ positions: [position('MNQ', -5)] })));
    expect(breach?.remedy).toEqual({ kind: 'reducePosition', contractId: CONTRACTS.MNQ!.id, size: 3, targetSize: 2 });
  });

  it('reports the most used instrument', () => {
    expect(rule(base).measure(contextOf(accountWith({ positions: [position('MNQ', 1), position('NQ', 3)] })))).toEqual({
      value: 3,
      limit: 3,
      usage: 1,
      summary: '3 of 3 NQ',
    });
    expect(rule(base).measure(contextOf(accountWith()))).toEqual({ value: 0, limit: 3, usage: 0, summary: 'nothing open' });
  });
});
