/**
 * The errorCode the simulator answers for each refusal, pinned as literal numbers with the name the endpoint gives
 * each (PROJECTX.md §5.7): the sim names its codes, these tests say what goes on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeName, OrderSide, OrderType } from '../../../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../../../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../../src/main/sim/contracts';
import { Exchange, SimRejection } from '../../../src/main/sim/exchange';
import { startSimulator, type Simulator } from '../../../src/main/sim/simulator';

const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
const UNKNOWN_ACCOUNT = 9999;
const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ.id;
const market = (side: number, size: number) => ({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side, size });

function exchangeHolding(size: number): Exchange {
  const exchange = new Exchange(() => undefined);
  if (size > 0) exchange.placeOrder(market(OrderSide.Bid, size));
  return exchange;
}

function refusal(act: () => unknown): SimRejection {
  try {
    act();
  } catch (error) {
    if (error instanceof SimRejection) return error;
    throw error;
  }
  throw new Error('expected a SimRejection');
}

describe('the exchange refuses with the endpoint’s own errorCode', () => {
  it.each<[string, string, number, string, (exchange: Exchange) => unknown]>([
    ['Order/place', 'AccountNotFound', 1, 'Account 9999 not found', (x) => x.placeOrder({ ...market(0, 1), accountId: UNKNOWN_ACCOUNT })],
    [
      'Order/place',
      'ContractNotFound',
      8,
      'Contract CON.F.US.XXX not found',
      (x) => x.placeOrder({ ...market(0, 1), contractId: 'CON.F.US.XXX' }),
    ],
    ['Order/place', 'OrderRejected', 2, 'Invalid order size (0)', (x) => x.placeOrder(market(OrderSide.Bid, 0))],
    ['Order/searchById', 'OrderNotFound', 1, 'Account 9999 not found', (x) => x.orderById(UNKNOWN_ACCOUNT, 1)],
    ['Order/searchById', 'OrderNotFound', 1, 'Order 1 not found', (x) => x.orderById(ACCOUNT, 1)],
    ['Order/cancel', 'AccountNotFound', 1, 'Account 9999 not found', (x) => x.cancelOrder(UNKNOWN_ACCOUNT, 1)],
    ['Order/cancel', 'OrderNotFound', 2, 'Order 1 not found', (x) => x.cancelOrder(ACCOUNT, 1)],
    ['Order/modify', 'AccountNotFound', 1, 'Account 9999 not found', (x) => x.modifyOrder(UNKNOWN_ACCOUNT, 1, {})],
    ['Order/modify', 'OrderNotFound', 2, 'Order 1 not found', (x) => x.modifyOrder(ACCOUNT, 1, {})],
    ['Position/closeContract', 'AccountNotFound', 1, 'Account 9999 not found', (x) => x.closeContract(UNKNOWN_ACCOUNT, MNQ)],
    ['Position/closeContract', 'ContractNotFound', 3, 'Contract CON.F.US.XXX not found', (x) => x.closeContract(ACCOUNT, 'CON.F.US.XXX')],
    ['Position/closeContract', 'PositionNotFound', 2, `No open position in ${MNQ}`, (x) => x.closeContract(ACCOUNT, MNQ)],
    [
      'Position/partialCloseContract',
      'AccountNotFound',
      1,
      'Account 9999 not found',
      (x) => x.partialCloseContract(UNKNOWN_ACCOUNT, MNQ, 1),
    ],
    [
      'Position/partialCloseContract',
      'ContractNotFound',
      3,
      'Contract CON.F.US.XXX not found',
      (x) => x.partialCloseContract(ACCOUNT, 'CON.F.US.XXX', 1),
    ],
    ['Position/partialCloseContract', 'PositionNotFound', 2, `No open position in ${MNQ}`, (x) => x.partialCloseContract(ACCOUNT, MNQ, 1)],
  ])('%s %s is %i (%s)', (endpoint, name, code, message, act) => {
    const rejection = refusal(() => act(exchangeHolding(0)));
    expect(rejection).toMatchObject({ code, message });
    expect(errorCodeName(endpoint, code)).toBe(name);
  });

  it('refuses an order that is no longer working with Rejected (3) on Order/cancel and Order/modify', () => {
    const exchange = exchangeHolding(0);
    exchange.placeOrder(market(OrderSide.Bid, 1));
    const filled = exchange.ordersOf(ACCOUNT)[0]!.id;
    expect(refusal(() => exchange.cancelOrder(ACCOUNT, filled))).toMatchObject({ code: 3, message: 'Cannot cancel order: already filled' });
    expect(refusal(() => exchange.modifyOrder(ACCOUNT, filled, {}))).toMatchObject({ code: 3, message: `Order ${filled} is not working` });
    expect([errorCodeName('Order/cancel', 3), errorCodeName('Order/modify', 3)]).toEqual(['Rejected', 'Rejected']);
  });

  it('refuses a working order cancelled already, or a size under 1, with Rejected (3)', () => {
    const exchange = exchangeHolding(0);
    exchange.placeOrder({ ...market(OrderSide.Bid, 1), type: OrderType.Limit, limitPrice: 20000 });
    const working = exchange.openOrders(ACCOUNT)[0]!.id;
    expect(refusal(() => exchange.modifyOrder(ACCOUNT, working, { size: 0 }))).toMatchObject({
      code: 3,
      message: 'Invalid order size (0)',
    });
    exchange.cancelOrder(ACCOUNT, working);
    expect(refusal(() => exchange.cancelOrder(ACCOUNT, working))).toMatchObject({ code: 3, message: `Order ${working} is not working` });
  });

  it('refuses a partial close past the position with InvalidCloseSize (5)', () => {
    expect(refusal(() => exchangeHolding(2).partialCloseContract(ACCOUNT, MNQ, 3))).toMatchObject({
      code: 5,
      message: 'Invalid close size 3 for a position of 2',
    });
    expect(errorCodeName('Position/partialCloseContract', 5)).toBe('InvalidCloseSize');
  });

  it('passes the closing market order’s refusal through unchanged: 2, which Position/closeContract reads as PositionNotFound', () => {
    const exchange = exchangeHolding(1);
    exchange.setCanTrade(ACCOUNT, false);
    const rejection = refusal(() => exchange.closeContract(ACCOUNT, MNQ));
    expect(rejection).toMatchObject({ code: 2, message: 'Account is not allowed to trade' });
    expect(errorCodeName('Position/closeContract', rejection.code)).toBe('PositionNotFound');
  });
});

describe('the REST envelope', () => {
  let sim: Simulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator();
    token = ((await call('Auth/loginKey', { userName: 'pin', apiKey: 'key' })) as { token: string }).token;
  });
  afterAll(async () => sim.close());

  async function call(endpoint: string, body: Record<string, unknown>): Promise<unknown> {
    const response = await fetch(`${sim.url}/api/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('refuses an empty login with InvalidCredentials (3)', async () => {
    expect(await call('Auth/loginKey', { userName: '', apiKey: 'key' })).toEqual({
      token: null,
      success: false,
      errorCode: 3,
      errorMessage: null,
    });
    expect(errorCodeName('Auth/loginKey', 3)).toBe('InvalidCredentials');
  });

  it('answers an unknown contract id with ContractNotFound (1)', async () => {
    expect(await call('Contract/searchById', { contractId: 'CON.F.US.XXX' })).toEqual({
      contract: null,
      success: false,
      errorCode: 1,
      errorMessage: 'Contract CON.F.US.XXX not found',
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['Order/place', { contractId: MNQ, type: 2, side: 0, size: 1 }, { orderId: null, errorCode: 1, errorMessage: 'accountId is required' }],
    [
      'Order/place',
      { accountId: ACCOUNT, contractId: MNQ, type: 2, side: 0, size: 1, stopLossBracket: { ticks: 'x', type: 4 } },
      { orderId: null, errorCode: 2, errorMessage: 'A bracket needs numeric ticks and type' },
    ],
    ['Order/searchById', { accountId: ACCOUNT }, { errorCode: 1, errorMessage: 'orderId is required' }],
    ['Order/cancel', { accountId: ACCOUNT }, { errorCode: 1, errorMessage: 'orderId is required' }],
    ['Order/modify', {}, { errorCode: 1, errorMessage: 'accountId is required' }],
    ['Position/closeContract', { contractId: MNQ }, { errorCode: 1, errorMessage: 'accountId is required' }],
    ['Position/partialCloseContract', { accountId: ACCOUNT, contractId: MNQ }, { errorCode: 1, errorMessage: 'size is required' }],
    ['Position/searchOpen', { accountId: UNKNOWN_ACCOUNT }, { errorCode: 1, errorMessage: 'Account 9999 not found' }],
    ['Order/searchOpen', {}, { errorCode: 1, errorMessage: 'accountId is required' }],
    ['Order/search', { accountId: ACCOUNT }, { errorCode: 1, errorMessage: 'startTimestamp is required' }],
    [
      'Trade/search',
      { accountId: UNKNOWN_ACCOUNT, startTimestamp: '2026-01-01T00:00:00Z' },
      { errorCode: 1, errorMessage: 'Account 9999 not found' },
    ],
  ])('%s %j answers %j', async (endpoint, body, expected) => {
    expect(await call(endpoint, body)).toEqual({ ...expected, success: false });
  });

  it('answers success with errorCode 0', async () => {
    expect(await call('Order/searchOpen', { accountId: ACCOUNT })).toEqual({ orders: [], success: true, errorCode: 0, errorMessage: null });
  });

  it.each([
    ['/sim/price', { contractId: 'CON.F.US.XXX', price: 1 }, 'Contract CON.F.US.XXX not found'],
    ['/sim/price', { contractId: MNQ, price: -1 }, 'Invalid price -1'],
    ['/sim/account', { accountId: UNKNOWN_ACCOUNT, canTrade: false }, 'Account 9999 not found'],
  ])('refuses the control call %s %j with HTTP 400 and no errorCode', async (path, body, error) => {
    const response = await fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error });
  });
});
