/**
 * The demo panel's calls on the simulator's exchange: what a newcomer's click does and the sentence
 * it answers, and every refusal with its reason. Through handleApiCall, as both bridges call it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { handleApiCall, type ApiContext } from '../../../src/main/service/api-handler';
import { SimulatorDemo } from '../../../src/main/service/demo-control';
import { DEMO_ACCOUNTS, Exchange, type SimEvent } from '../../../src/main/sim/exchange';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../../src/main/sim/contracts';
import { OrderSide, OrderType } from '../../../src/main/gateway/wire';
import { commandLineSettings } from '../../../src/main/web/command-line-settings';

const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ.id;
const ZN = SIM_CONTRACTS_BY_SYMBOL.ZN.id;
const ES = SIM_CONTRACTS_BY_SYMBOL.ES.id;
const SIM_URL = 'http://127.0.0.1:18080';

let published: SimEvent[];
let exchange: Exchange;
let context: ApiContext;

const call = (method: string, params: unknown) => handleApiCall(context, method, params);
const positions = () => exchange.openPositions(ACCOUNT).map((p) => ({ contractId: p.contractId, type: p.type, size: p.size }));

beforeEach(() => {
  published = [];
  exchange = new Exchange(
    (event) => published.push(event),
    () => Date.parse('2026-11-26T15:00:00Z'),
  );
  context = {
    service: null,
    settings: commandLineSettings({ gateway: null, configFile: null, dataDir: '/tmp/unused' }),
    demo: new SimulatorDemo({ exchange, url: SIM_URL }),
  };
});

describe('demo orders', () => {
  it('buys at market and says how many, what and at which price', async () => {
    exchange.setPrice(MNQ, 21000.25);
    await expect(call('demoOrder', { accountId: ACCOUNT, contractId: MNQ, side: 'buy', size: 2 })).resolves.toEqual({
      message: 'Bought 2 MNQ at 21,000.25',
    });
    expect(positions()).toEqual([{ contractId: MNQ, type: 1, size: 2 }]);
  });

  it('sells at market, opening a short', async () => {
    await expect(call('demoOrder', { accountId: ACCOUNT, contractId: ES, side: 'sell', size: 3 })).resolves.toEqual({
      message: 'Sold 3 ES at 6,000.00',
    });
    expect(positions()).toEqual([{ contractId: ES, type: 2, size: 3 }]);
  });

  it('writes a price to the contract’s tick', async () => {
    exchange.setPrice(ZN, 112.515625);
    await expect(call('demoOrder', { accountId: ACCOUNT, contractId: ZN, side: 'buy', size: 1 })).resolves.toEqual({
      message: 'Bought 1 ZN at 112.515625',
    });
  });

  it('publishes what a platform’s order makes: the order, its fill, the trade, the position and the balance', async () => {
    await call('demoOrder', { accountId: ACCOUNT, contractId: MNQ, side: 'buy', size: 2 });
    expect(published.map((e) => e.topic)).toEqual(expect.arrayContaining(['order', 'print', 'trade', 'position', 'account']));
    const trade = published.find((e) => e.topic === 'trade');
    expect(trade).toMatchObject({ accountId: ACCOUNT, payload: { contractId: MNQ, side: OrderSide.Bid, size: 2, price: 21000 } });
    const order = published.filter((e) => e.topic === 'order').at(-1);
    expect(order).toMatchObject({ payload: { type: OrderType.Market, status: 2, fillVolume: 2 } });
  });

  it.each([
    [0, 'demoOrder: invalid params at size: size must be 1 to 10 contracts'],
    [11, 'demoOrder: invalid params at size: size must be 1 to 10 contracts'],
    [2.5, /demoOrder: invalid params at size/],
  ])('refuses a size of %s before it reaches the simulator', async (size, message) => {
    await expect(call('demoOrder', { accountId: ACCOUNT, contractId: MNQ, side: 'buy', size })).rejects.toThrow(message);
    expect(published).toEqual([]);
  });

  it('accepts the largest size, 10', async () => {
    await expect(call('demoOrder', { accountId: ACCOUNT, contractId: MNQ, side: 'buy', size: 10 })).resolves.toEqual({
      message: 'Bought 10 MNQ at 21,000.00',
    });
  });

  it('refuses an unknown account, naming the simulator’s accounts', async () => {
    await expect(call('demoOrder', { accountId: 42, contractId: MNQ, side: 'buy', size: 1 })).rejects.toThrow(
      'The simulator has no account 42; its accounts: PRAC-V2-RW-DEMO-50K (7001)',
    );
    expect(positions()).toEqual([]);
  });

  it('refuses an unknown contract, naming the contracts it trades', async () => {
    await expect(call('demoOrder', { accountId: ACCOUNT, contractId: 'CON.F.US.XYZ.Z26', side: 'buy', size: 1 })).rejects.toThrow(
      'The simulator does not trade CON.F.US.XYZ.Z26; it trades MNQ, NQ, ES, MES, ZN, 6E, CL, NG, GC, ZC',
    );
  });

  it('says why the simulator refused an order: the broker has disabled trading on the account', async () => {
    exchange.setCanTrade(ACCOUNT, false);
    await expect(call('demoOrder', { accountId: ACCOUNT, contractId: MNQ, side: 'buy', size: 2 })).rejects.toThrow(
      'Could not buy 2 MNQ: the simulator refused (Account is not allowed to trade)',
    );
    expect(positions()).toEqual([]);
  });
});

describe('close all', () => {
  it('closes every position and cancels every working order of the account', async () => {
    await call('demoOrder', { accountId: ACCOUNT, contractId: MNQ, side: 'buy', size: 2 });
    await call('demoOrder', { accountId: ACCOUNT, contractId: ES, side: 'sell', size: 1 });
    exchange.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Limit, side: OrderSide.Bid, size: 1, limitPrice: 20000 });
    await expect(call('demoCloseAll', { accountId: ACCOUNT })).resolves.toEqual({
      message: 'Closed 2 positions and cancelled 1 working order',
    });
    expect(positions()).toEqual([]);
    expect(exchange.openOrders(ACCOUNT)).toEqual([]);
  });

  it('says "1 position" for one', async () => {
    await call('demoOrder', { accountId: ACCOUNT, contractId: MNQ, side: 'buy', size: 3 });
    await expect(call('demoCloseAll', { accountId: ACCOUNT })).resolves.toEqual({ message: 'Closed 1 position' });
  });

  it('cancels working orders alone when nothing is held', async () => {
    exchange.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Limit, side: OrderSide.Bid, size: 1, limitPrice: 20000 });
    await expect(call('demoCloseAll', { accountId: ACCOUNT })).resolves.toEqual({ message: 'Cancelled 1 working order' });
  });

  it('says when there is nothing to close', async () => {
    await expect(call('demoCloseAll', { accountId: ACCOUNT })).resolves.toEqual({
      message: 'Nothing to close: no open positions or working orders',
    });
  });

  it('refuses an unknown account', async () => {
    await expect(call('demoCloseAll', { accountId: 42 })).rejects.toThrow('The simulator has no account 42');
  });
});

describe('price nudges', () => {
  it('moves the price by whole ticks and says where it went', async () => {
    await expect(call('demoNudge', { contractId: MNQ, ticks: 8 })).resolves.toEqual({ message: 'Moved MNQ up 8 ticks to 21,002.00' });
    await expect(call('demoNudge', { contractId: MNQ, ticks: -1 })).resolves.toEqual({ message: 'Moved MNQ down 1 tick to 21,001.75' });
    expect(exchange.price(MNQ)).toBe(21001.75);
    expect(published.filter((e) => e.topic === 'quote')).toHaveLength(2);
  });

  it('fills a resting stop the move passes through, as a real price move would', async () => {
    exchange.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Stop, side: OrderSide.Ask, size: 1, stopPrice: 20990 });
    await call('demoNudge', { contractId: MNQ, ticks: -40 });
    expect(positions()).toEqual([{ contractId: MNQ, type: 2, size: 1 }]);
  });

  it.each([
    [0, 'demoNudge: invalid params at ticks: move the price by at least one tick'],
    [401, 'demoNudge: invalid params at ticks: move the price by at most 400 ticks'],
  ])('refuses a move of %s ticks', async (ticks, message) => {
    await expect(call('demoNudge', { contractId: MNQ, ticks })).rejects.toThrow(message);
  });

  it('refuses a move that would take the price to zero or below', async () => {
    exchange.setPrice(ES, 50);
    await expect(call('demoNudge', { contractId: ES, ticks: -200 })).rejects.toThrow(
      'Cannot move ES down 200 ticks: its price 50.00 would fall to zero or below',
    );
    expect(exchange.price(ES)).toBe(50);
  });

  it('refuses an unknown contract', async () => {
    await expect(call('demoNudge', { contractId: 'MNQ', ticks: 4 })).rejects.toThrow('The simulator does not trade MNQ; it trades MNQ, NQ');
  });
});

describe('outside demo mode', () => {
  it.each([
    ['demoOrder', { accountId: ACCOUNT, contractId: MNQ, side: 'buy', size: 1 }],
    ['demoCloseAll', { accountId: ACCOUNT }],
    ['demoNudge', { contractId: MNQ, ticks: 4 }],
  ])('%s is refused when the context has no simulator', async (method, params) => {
    context = { ...context, demo: null };
    await expect(call(method, params)).rejects.toThrow('The demo panel works only in demo mode, on the built-in simulator');
  });
});

describe('the panel’s view', () => {
  it('lists every simulator contract with its symbol, description, tick size and last price, and the simulator’s address', () => {
    exchange.setPrice(MNQ, 21010.5);
    const view = context.demo!.view();
    expect(view.simulatorUrl).toBe(SIM_URL);
    expect(view.contracts).toHaveLength(Object.keys(SIM_CONTRACTS_BY_SYMBOL).length);
    expect(view.contracts[0]).toEqual({
      contractId: MNQ,
      symbol: 'MNQ',
      description: 'Micro E-mini Nasdaq-100: December 2026',
      tickSize: 0.25,
      price: 21010.5,
    });
    expect(view.contracts.find((c) => c.contractId === ZN)?.symbol).toBe('ZN');
  });
});
