import { describe, expect, it } from 'vitest';
import { MarketBook } from '../../../src/main/engine/market-book';

const quote = (lastPrice: number, timestamp: string) => ({
  contractId: 'CON.F.US.MNQ.Z26',
  lastPrice,
  bestBid: null,
  bestAsk: null,
  timestamp,
});
const T0 = Date.parse('2026-11-24T15:00:00Z');

/** The mark a position's open P&L uses, and when it was quoted: a frozen feed must not look live. */
describe('market book marks', () => {
  it('keeps the last price and the service time it came at, not the time the quote claims', () => {
    const market = new MarketBook();
    expect(market.markAt('CON.F.US.MNQ.Z26')).toBeUndefined();
    market.applyQuote(quote(21_000, '2026-11-24T14:30:00Z'), T0);
    market.applyQuote(quote(21_001.5, '2026-11-24T14:30:00Z'), T0 + 2_000);
    expect(market.mark('CON.F.US.MNQ.Z26')).toBe(21_001.5);
    expect(market.markAt('CON.F.US.MNQ.Z26')).toBe(T0 + 2_000);
  });

  it("falls back to the quote's own time without the service time, and to unknown when the quote has none", () => {
    const market = new MarketBook();
    market.applyQuote(quote(21_000, '2026-11-24T14:59:58Z'));
    expect(market.markAt('CON.F.US.MNQ.Z26')).toBe(T0 - 2_000);
    market.applyQuote(quote(21_000, new Date(0).toISOString()));
    expect(market.markAt('CON.F.US.MNQ.Z26')).toBeNull();
    market.applyQuote(quote(21_000, ''));
    expect(market.markAt('CON.F.US.MNQ.Z26')).toBeNull();
  });
});
