import { describe, expect, it } from 'vitest';
import {
  lastTradePrices,
  mergeQuote,
  MalformedPayloadError,
  normaliseUserEvent,
  parseQuote,
  quoteOf,
  readUserMessage,
} from '../../../src/main/gateway/normalise';

const wirePosition = {
  id: 6124,
  accountId: 536,
  contractId: 'CON.F.US.ENQ.Z26',
  creationTimestamp: '2026-11-24T15:00:00Z',
  type: 2,
  size: 3,
  averagePrice: 21000.25,
};
const wireTrade = {
  id: 3_345_169_271,
  accountId: 536,
  contractId: 'CON.F.US.EP.Z26',
  creationTimestamp: '2026-11-24T15:00:00Z',
  price: 6065.25,
  profitAndLoss: 50,
  fees: 1.4,
  side: 1,
  size: 1,
  voided: false,
  orderId: 2_669_189_964,
};

describe('normalising hub payloads', () => {
  it.each([
    ['bare (documented)', wirePosition],
    ['wrapped {action, data} (live)', { action: 1, data: wirePosition }],
  ])('reads a %s position with a signed size', (_, payload) => {
    expect(normaliseUserEvent('GatewayUserPosition', payload)).toEqual({
      type: 'position',
      position: { accountId: 536, contractId: 'CON.F.US.ENQ.Z26', size: -3, averagePrice: 21000.25 },
    });
  });

  it('treats a position of size 0 as closed, whatever its type', () => {
    expect(normaliseUserEvent('GatewayUserPosition', { action: 2, data: { ...wirePosition, type: 1, size: 0 } })).toEqual({
      type: 'positionClosed',
      accountId: 536,
      contractId: 'CON.F.US.ENQ.Z26',
    });
  });

  it('reads a position the hub removes (action 2) as flat, whatever its size', () => {
    expect(normaliseUserEvent('GatewayUserPosition', { action: 2, data: wirePosition })).toEqual({
      type: 'positionClosed',
      accountId: 536,
      contractId: 'CON.F.US.ENQ.Z26',
    });
    expect(normaliseUserEvent('GatewayUserPosition', { action: 0, data: wirePosition })).toMatchObject({ type: 'position' });
  });

  describe('an order the hub removes (action 2)', () => {
    /** The live order of PROJECTX.md §13: price keys absent, 7-digit timestamps. */
    const liveOrder = {
      id: 3_425_270_858,
      accountId: 26_282_486,
      contractId: 'CON.F.US.MNQ.U26',
      symbolId: 'F.US.MNQ',
      creationTimestamp: '2026-08-19T20:49:25.3938333+00:00',
      updateTimestamp: '2026-08-19T20:49:25.3938333+00:00',
      status: 1,
      type: 1,
      side: 1,
      size: 1,
      fillVolume: 0,
      customTag: 'rw-1',
    };

    it('is gone at once when its status still looks working, and is to be re-read over REST', () => {
      const message = readUserMessage('GatewayUserOrder', { action: 2, data: liveOrder });
      expect(message.event).toMatchObject({ type: 'order', order: { id: 3_425_270_858, state: 'unknown', limitPrice: null } });
      expect(message.removedWorking).toMatchObject({ id: 3_425_270_858, accountId: 26_282_486, status: 1 });
    });

    it.each([
      ['created (0)', 0, 1, 'open'],
      ['updated (1)', 1, 1, 'open'],
      ['removed (2) once filled', 2, 2, 'filled'],
      ['removed (2) once cancelled', 2, 3, 'cancelled'],
    ])('is read as sent when %s', (_, action, status, state) => {
      const message = readUserMessage('GatewayUserOrder', { action, data: { ...liveOrder, status } });
      expect(message.event).toMatchObject({ type: 'order', order: { state } });
      expect(message.removedWorking).toBeNull();
    });
  });

  it('keeps trade and order ids above 2^31 exact and signs the fill by side', () => {
    const event = normaliseUserEvent('GatewayUserTrade', { action: 0, data: wireTrade });
    expect(event).toMatchObject({
      type: 'fill',
      fill: { id: 3_345_169_271, orderId: 2_669_189_964, size: -1, profitAndLoss: 50, fees: 1.4 },
    });
  });

  it('books fees only, never commissions, so a fill costs the same by stream and by Trade/search', () => {
    const stream = normaliseUserEvent('GatewayUserTrade', { action: 0, data: { ...wireTrade, fees: 0.36, commissions: 0.25 } });
    const rest = normaliseUserEvent('GatewayUserTrade', { ...wireTrade, fees: 0.36 });
    expect(stream).toEqual(rest);
    expect(stream.type === 'fill' && stream.fill.fees).toBe(0.36);
    expect(readUserMessage('GatewayUserTrade', { action: 0, data: { ...wireTrade, commissions: 0.25 } }).commissions).toBe(0.25);
  });

  it('repairs a streamed trade with fees: null (counted as 0) instead of dropping the fill', () => {
    const message = readUserMessage('GatewayUserTrade', { action: 0, data: { ...wireTrade, fees: null } });
    expect(message.event).toMatchObject({ type: 'fill', fill: { id: 3_345_169_271, fees: 0, profitAndLoss: 50 } });
    expect(message.repaired).toEqual(['fees was null, counted as 0']);
  });

  it('maps order enums: type 3 is a stop-limit, 4 a stop; status 8 is suspended', () => {
    const base = { id: 1, accountId: 1, contractId: 'CON.F.US.MNQ.Z26', side: 1, size: 1, limitPrice: null, stopPrice: 100 };
    expect(normaliseUserEvent('GatewayUserOrder', { ...base, type: 3, status: 1 })).toMatchObject({
      order: { kind: 'stopLimit', side: 'sell', state: 'open' },
    });
    expect(normaliseUserEvent('GatewayUserOrder', { ...base, type: 4, status: 8 })).toMatchObject({
      order: { kind: 'stop', state: 'suspended' },
    });
  });

  it('refuses a malformed payload with the field that is wrong', () => {
    expect(() => normaliseUserEvent('GatewayUserTrade', { ...wireTrade, price: 'x' })).toThrow(MalformedPayloadError);
    expect(() => normaliseUserEvent('GatewayUserTrade', { ...wireTrade, price: 'x' })).toThrow(
      /GatewayUserTrade: malformed payload \(price:/,
    );
  });

  it('merges partial quotes per contract', () => {
    const first = mergeQuote(undefined, parseQuote({ lastPrice: 100, bestBid: 99.75, bestAsk: 100, timestamp: 't1' }));
    const second = mergeQuote(first, parseQuote({ bestBid: 100 }));
    expect(quoteOf('C', second)).toEqual({ contractId: 'C', lastPrice: 100, bestBid: 100, bestAsk: 100, timestamp: 't1' });
  });
});

/** The live quote of PROJECTX.md §13, field by field. */
const liveQuote = {
  symbol: 'F.US.MNQ',
  bestBid: 29547,
  bestAsk: 29547.5,
  lastUpdated: '2026-08-19T20:51:31.4347534+00:00',
  timestamp: '2026-08-19T20:51:31.348+00:00',
  contract: 'CON.F.US.MNQ.U26',
};

describe('live quotes', () => {
  it('stores a bid/ask-only quote from the first message and marks at the middle until a trade price is known', () => {
    const known = mergeQuote(undefined, parseQuote(liveQuote));
    expect(known).toEqual({ lastPrice: null, bestBid: 29547, bestAsk: 29547.5, timestamp: '2026-08-19T20:51:31.4347534+00:00' });
    expect(quoteOf('CON.F.US.MNQ.U26', known)).toEqual({
      contractId: 'CON.F.US.MNQ.U26',
      lastPrice: 29547.25,
      bestBid: 29547,
      bestAsk: 29547.5,
      timestamp: '2026-08-19T20:51:31.4347534+00:00',
    });
    const traded = mergeQuote(known, parseQuote({ lastPrice: 29548 }));
    expect(quoteOf('C', mergeQuote(traded, parseQuote({ bestBid: 29549, bestAsk: 29549.5 })))?.lastPrice).toBe(29548);
  });

  it('reads a null side as absent: the other fields stand and the side keeps its last value', () => {
    const known = mergeQuote(undefined, parseQuote(liveQuote));
    const next = mergeQuote(known, parseQuote({ ...liveQuote, bestBid: null, bestAsk: 29548, lastPrice: null }));
    expect(next).toMatchObject({ lastPrice: null, bestBid: 29547, bestAsk: 29548 });
    expect(quoteOf('C', mergeQuote(undefined, parseQuote({ bestBid: null, bestAsk: 29548 })))?.lastPrice).toBe(29548);
  });

  it('takes the time from lastUpdated, which advances, over a timestamp frozen at the session open', () => {
    const open = '2026-08-18T22:00:00.000+00:00';
    const first = mergeQuote(undefined, parseQuote({ ...liveQuote, timestamp: open, lastUpdated: '2026-08-19T20:51:31.4347534+00:00' }));
    const later = mergeQuote(first, parseQuote({ bestBid: 29548, timestamp: open, lastUpdated: '2026-08-19T20:51:32.1000001+00:00' }));
    expect(later.timestamp).toBe('2026-08-19T20:51:32.1000001+00:00');
    expect(mergeQuote(later, parseQuote({ bestAsk: 29549 })).timestamp).toBe('2026-08-19T20:51:32.1000001+00:00');
  });

  it('has no quote while nothing is priced', () => {
    expect(quoteOf('C', mergeQuote(undefined, parseQuote({ symbol: 'F.US.MNQ', bestBid: null })))).toBeNull();
  });
});

describe('quote parsing', () => {
  it.each([
    [null, 'GatewayQuote: malformed payload ((root): expected an object)'],
    [{ lastPrice: '6000' }, 'GatewayQuote: malformed payload (lastPrice: expected a number)'],
    [{ lastPrice: Number.NaN }, 'lastPrice: expected a number'],
    [{ bestBid: 1, timestamp: 5 }, 'timestamp: expected a string'],
  ])('refuses %j', (raw, message) => {
    expect(() => parseQuote(raw)).toThrow(message);
  });

  it('accepts a partial quote and ignores fields it does not use', () => {
    expect(parseQuote({ bestAsk: 6000.25, volume: 12000, symbol: 'F.US.EP' })).toMatchObject({ bestAsk: 6000.25, symbol: 'F.US.EP' });
  });
});

describe('market trade prints', () => {
  it.each([
    ['a batch (documented)', [{ price: 6000.25 }, { price: 6000.5 }], new Map([['CON.F.US.EP.Z26', 6000.5]])],
    ['one object (docs)', { symbolId: 'F.US.EP', price: 6001, volume: 2 }, new Map([['CON.F.US.EP.Z26', 6001]])],
    ['nothing priced', [{ volume: 1 }], new Map()],
    [
      'a live batch: null padding, contractId on each item',
      [
        {
          symbolId: 'F.US.EP',
          price: 6001.25,
          timestamp: '2026-08-19T20:51:31.348+00:00',
          type: 1,
          volume: 1,
          contractId: 'CON.F.US.EP.Z26',
        },
        null,
        {
          symbolId: 'F.US.MES',
          price: 6002.5,
          timestamp: '2026-08-19T20:51:31.349+00:00',
          type: 0,
          volume: 1,
          contractId: 'CON.F.US.MES.Z26',
        },
        null,
      ],
      new Map([
        ['CON.F.US.EP.Z26', 6001.25],
        ['CON.F.US.MES.Z26', 6002.5],
      ]),
    ],
    ['only padding', [null, null], new Map()],
  ])('reads the last price per contract from %s', (_, payload, prices) => {
    expect(lastTradePrices('CON.F.US.EP.Z26', payload)).toEqual(prices);
  });
});
