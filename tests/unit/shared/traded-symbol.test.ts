import { describe, expect, it } from 'vitest';
import { toContract } from '../../../src/main/gateway/normalise';
import { WireContractSchema } from '../../../src/main/gateway/wire';
import { MarketBook } from '../../../src/main/engine/market-book';
import { SEGMENT_SYMBOLS, symbolForSegment, symbolOf, tradedSymbol } from '../../../src/shared/symbols';

const MONTHS = 'FGHJKMNQUVXZ';

/**
 * A Contract/available row as the live gateway lists it (PROJECTX.md §13): the id carries the
 * product segment and a two-digit year, the name the traded symbol and a one-digit year.
 */
function liveRow(segment: string, symbol: string, index: number) {
  const month = MONTHS[index % MONTHS.length]!;
  const year = 6 + (index % 2);
  return WireContractSchema.parse({
    id: `CON.F.US.${segment}.${month}2${year}`,
    name: `${symbol}${month}${year}`,
    description: `${symbol} future`,
    tickSize: 0.01,
    tickValue: 10,
    activeContract: true,
    symbolId: `F.US.${segment}`,
  });
}

describe('the traded symbol of a contract', () => {
  it('knows all 35 product segments of §13 that are not the traded symbol, none of them a traded symbol itself', () => {
    const symbols = Object.values(SEGMENT_SYMBOLS);
    expect(Object.keys(SEGMENT_SYMBOLS)).toHaveLength(35);
    expect(new Set(symbols).size).toBe(35);
    expect(Object.keys(SEGMENT_SYMBOLS).filter((segment) => symbols.includes(segment))).toEqual([]);
  });

  it.each(Object.entries(SEGMENT_SYMBOLS).map(([segment, symbol], index) => ({ segment, symbol, row: liveRow(segment, symbol, index) })))(
    '$row.name ($row.id) trades as $symbol',
    ({ symbol, row }) => {
      expect(toContract(row).symbol).toBe(symbol);
    },
  );

  it.each([
    ['MNQU6', 'MNQ'],
    ['MESZ6', 'MES'],
    ['M2KH7', 'M2K'],
    ['6EU6', '6E'],
    ['E7M6', 'E7'],
    ['MNQU26', 'MNQ'],
    ['6EZ26', '6E'],
    ['ZNH30', 'ZN'],
    ['MNQ', 'MNQ'],
    ['ESZ', 'ESZ'],
    ['CLZ6-CLF7', 'CLZ6-CLF7'],
  ])('reads %s as %s (one- or two-digit year; any other shape kept whole)', (name, symbol) => {
    expect(tradedSymbol(name)).toBe(symbol);
  });

  it('takes the symbol of a contract id from the contract the market book knows', () => {
    const market = new MarketBook();
    market.addContract(toContract(liveRow('TYA', 'ZN', 8)));
    expect(symbolOf(market, 'CON.F.US.TYA.U26')).toBe('ZN');
  });

  it('shows the id itself for a contract not known yet: never a guess from its product segment', () => {
    expect(symbolOf(new MarketBook(), 'CON.F.US.TYA.U26')).toBe('CON.F.US.TYA.U26');
  });

  it('answers only for segments of the table, not for inherited names', () => {
    expect(symbolForSegment('EU6')).toBe('6E');
    expect(symbolForSegment('MNQ')).toBeUndefined();
    expect(symbolForSegment('constructor')).toBeUndefined();
  });
});
