import { describe, expect, it } from 'vitest';
import { lastTradePrice, mergeQuote, MalformedPayloadError, normaliseUserEvent, parseQuote } from '../../../src/main/gateway/normalise';

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

  it('keeps trade and order ids above 2^31 exact and signs the fill by side', () => {
    const event = normaliseUserEvent('GatewayUserTrade', { action: 0, data: wireTrade });
    expect(event).toMatchObject({
      type: 'fill',
      fill: { id: 3_345_169_271, orderId: 2_669_189_964, size: -1, profitAndLoss: 50, fees: 1.4 },
    });
  });

  it('adds reported commissions to fees', () => {
    const event = normaliseUserEvent('GatewayUserTrade', { ...wireTrade, commissions: 0.5 });
    expect(event.type === 'fill' && event.fill.fees).toBeCloseTo(1.9, 9);
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
    const first = mergeQuote('C', parseQuote({ lastPrice: 100, bestBid: 99.75, bestAsk: 100, timestamp: 't1' }), undefined);
    const second = mergeQuote('C', parseQuote({ bestBid: 100 }), first!);
    expect(second).toEqual({ contractId: 'C', lastPrice: 100, bestBid: 100, bestAsk: 100, timestamp: 't1' });
    expect(mergeQuote('C', parseQuote({ bestBid: 1 }), undefined)).toBeNull();
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
    ['a batch (live)', [{ price: 6000.25 }, { price: 6000.5 }], 6000.5],
    ['one object (docs)', { symbolId: 'F.US.EP', price: 6001, volume: 2 }, 6001],
    ['nothing priced', [{ volume: 1 }], null],
  ])('reads the last price from %s', (_, payload, price) => {
    expect(lastTradePrice(payload)).toBe(price);
  });
});
