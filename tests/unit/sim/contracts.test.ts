import { describe, expect, it } from 'vitest';
import { toContract } from '../../../src/main/gateway/normalise';
import { alignToTick } from '../../../src/main/sim/fill-math';
import { SIM_CONTRACTS, SIM_CONTRACTS_BY_SYMBOL } from '../../../src/main/sim/contracts';
import { wireContract } from '../../../src/main/sim/wire-format';
import { productSegment, SEGMENT_SYMBOLS } from '../../../src/shared/symbols';

const ENTRIES = Object.entries(SIM_CONTRACTS_BY_SYMBOL).map(([symbol, contract]) => ({ symbol, contract }));

/** The simulator lists contracts as the live gateway does (PROJECTX.md §13). */
describe("the simulator's contracts", () => {
  it.each([
    ['equity index', ['MNQ', 'MES', 'NQ', 'ES']],
    ['rates', ['ZN']],
    ['FX', ['6E']],
    ['energy', ['CL', 'NG']],
    ['metals', ['GC']],
    ['ags', ['ZC']],
  ])('lists %s: %j', (_class, symbols) => {
    expect(Object.keys(SIM_CONTRACTS_BY_SYMBOL)).toEqual(expect.arrayContaining(symbols));
  });

  it('keeps the equity index contracts first, in the order tests and benches index them', () => {
    expect(SIM_CONTRACTS.slice(0, 4).map((c) => c.name)).toEqual(['MNQZ6', 'NQZ6', 'ESZ6', 'MESZ6']);
  });

  it.each(ENTRIES)('$contract.name reads as $symbol, the key tests name it by', ({ symbol, contract }) => {
    expect(toContract(wireContract(contract)).symbol).toBe(symbol);
  });

  it.each(ENTRIES)(
    '$contract.id has the live shape: symbolId F.US.<segment>, the name’s month, a two-digit year',
    ({ symbol, contract }) => {
      const [, root, month, year] = /^(.+)([FGHJKMNQUVXZ])(\d)$/.exec(contract.name)!;
      expect(root).toBe(symbol);
      const segment = productSegment(contract.id)!;
      expect(contract.id).toBe(`CON.F.US.${segment}.${month}2${year}`);
      expect(contract.symbolId).toBe(`F.US.${segment}`);
      expect(segment === symbol || SEGMENT_SYMBOLS[segment] === symbol).toBe(true);
    },
  );

  it.each(ENTRIES)('$symbol starts on its tick grid ($contract.tickSize)', ({ contract }) => {
    expect(alignToTick(contract.startPrice, contract.tickSize)).toBe(contract.startPrice);
  });

  it.each([
    ['ZN', 0.015625, 15.625],
    ['6E', 0.00005, 6.25],
    ['CL', 0.01, 10],
    ['NG', 0.001, 10],
    ['GC', 0.1, 10],
    ['ZC', 0.25, 12.5],
  ] as const)('%s moves %s a tick, worth $%s', (symbol, tickSize, tickValue) => {
    expect(SIM_CONTRACTS_BY_SYMBOL[symbol]).toMatchObject({ tickSize, tickValue });
  });
});
