/**
 * What the simulator puts on the wire, read by a bare SignalR client and plain REST calls, field by field:
 * live by default (PROJECTX.md §13), the documented shapes on request.
 */
import type { HubConnection } from '@microsoft/signalr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { upgradeStatus } from '../../../src/main/gateway/hub-probe';
import { OrderSide, OrderType, UserHubAction } from '../../../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../../../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../../src/main/sim/contracts';
import { applyFaults, startSimulator, type Simulator, type SimulatorOptions } from '../../../src/main/sim/simulator';
import { defaultWireFormat, liveTimestamp } from '../../../src/main/sim/wire-format';
import { hubConnection, loginToken } from '../../helpers/bare-client';

const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ.id;
const STREAM_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/;
const REST_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;
const QUOTE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

let sim: Simulator | undefined;
const hubs: HubConnection[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
  await sim?.close();
  sim = undefined;
});

const login = () => loginToken(sim!, 'wire');

async function rest(token: string, endpoint: string, body: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${sim!.url}/api/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** A hub connection that keeps every message of the targets it is told, with all its arguments. */
async function listen(name: 'user' | 'market', token: string, targets: readonly string[]) {
  const received: { target: string; args: unknown[] }[] = [];
  const hub = hubConnection(sim!, name, token);
  for (const target of targets) hub.on(target, (...args: unknown[]) => received.push({ target, args }));
  hubs.push(hub);
  await hub.start();
  return { hub, received };
}

async function started(options: SimulatorOptions = {}) {
  sim = await startSimulator({ randomWalk: false, ...options });
  const token = await login();
  const user = await listen('user', token, ['GatewayUserOrder', 'GatewayUserTrade', 'GatewayUserPosition', 'GatewayUserAccount']);
  await user.hub.invoke('SubscribeAccounts');
  for (const topic of ['Orders', 'Positions', 'Trades']) await user.hub.invoke(`Subscribe${topic}`, ACCOUNT);
  const market = await listen('market', token, ['GatewayQuote', 'GatewayTrade']);
  await market.hub.invoke('SubscribeContractQuotes', MNQ);
  await market.hub.invoke('SubscribeContractTrades', MNQ);
  return { token, user: user.received, market: market.received };
}

const of = (received: { target: string; args: unknown[] }[], target: string) =>
  received.filter((m) => m.target === target).map((m) => m.args);

describe('the live wire format (the default)', () => {
  it('is the default unless RW_SIM_WIRE_FORMAT says otherwise, and refuses a value it does not know', () => {
    expect(defaultWireFormat({})).toBe('live');
    expect(defaultWireFormat({ RW_SIM_WIRE_FORMAT: 'documented' })).toBe('documented');
    expect(() => defaultWireFormat({ RW_SIM_WIRE_FORMAT: 'docs' })).toThrow('RW_SIM_WIRE_FORMAT must be live or documented, got docs');
  });

  it('writes instants with 7 digits on the stream, 6 over REST, 3 on quotes, all +00:00', () => {
    expect(liveTimestamp('2026-08-19T20:49:25.393Z', 7)).toBe('2026-08-19T20:49:25.3934567+00:00');
    expect(liveTimestamp('2026-08-19T20:49:25.393Z', 6)).toBe('2026-08-19T20:49:25.393456+00:00');
    expect(liveTimestamp('2026-08-19T20:49:25.393Z', 3)).toBe('2026-08-19T20:49:25.393+00:00');
    expect(Date.parse(liveTimestamp('2026-08-19T20:49:25.393Z', 7))).toBe(Date.parse('2026-08-19T20:49:25.393Z'));
  });

  it('sends a fill as live does: one {action, data} argument, commissions on the stream trade only, price keys absent', async () => {
    const { token, user } = await started({ wireFormat: 'live' });
    sim!.exchange.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await vi.waitFor(() => expect(of(user, 'GatewayUserAccount')).toHaveLength(1));

    for (const args of [...of(user, 'GatewayUserOrder'), ...of(user, 'GatewayUserTrade'), ...of(user, 'GatewayUserPosition')]) {
      expect(args).toHaveLength(1);
      expect(Object.keys(args[0] as object).sort()).toEqual(['action', 'data']);
    }
    const orders = of(user, 'GatewayUserOrder').map(([m]) => m as { action: number; data: Record<string, unknown> });
    expect(orders.map((o) => [o.action, o.data.status])).toEqual([
      [UserHubAction.Create, 6],
      [UserHubAction.Remove, 2],
    ]);
    expect(orders[0]!.data).not.toHaveProperty('limitPrice');
    expect(orders[0]!.data).not.toHaveProperty('stopPrice');
    expect(orders[0]!.data).not.toHaveProperty('filledPrice');
    expect(orders[0]!.data).not.toHaveProperty('parentOrderId');
    expect(orders[1]!.data.filledPrice).toBe(21000);
    expect(orders[0]!.data.creationTimestamp).toMatch(STREAM_TIME);

    const [[streamed]] = of(user, 'GatewayUserTrade') as [[{ action: number; data: Record<string, unknown> }]];
    expect(streamed.action).toBe(UserHubAction.Create);
    expect(streamed.data).toMatchObject({ fees: 0.37, commissions: 0.26, profitAndLoss: null });
    expect(streamed.data.creationTimestamp).toMatch(STREAM_TIME);

    const { trades } = (await rest(token, 'Trade/search', { accountId: ACCOUNT, startTimestamp: '2000-01-01T00:00:00Z' })) as {
      trades: Record<string, unknown>[];
    };
    expect(trades).toHaveLength(1);
    expect(trades[0]).not.toHaveProperty('commissions');
    expect(trades[0]).toMatchObject({ id: streamed.data.id, fees: 0.37 });
    expect(trades[0]!.creationTimestamp).toMatch(REST_TIME);
    expect(Date.parse(trades[0]!.creationTimestamp as string)).toBe(Date.parse(streamed.data.creationTimestamp as string));

    const { orders: listed } = (await rest(token, 'Order/search', { accountId: ACCOUNT, startTimestamp: '2000-01-01T00:00:00Z' })) as {
      orders: Record<string, unknown>[];
    };
    expect(listed[0]).not.toHaveProperty('limitPrice');
    expect(listed[0]!.updateTimestamp).toMatch(REST_TIME);
  });

  it('closes a position as a removal: action 2, type 0, size 0, the last average price', async () => {
    const { user } = await started({ wireFormat: 'live' });
    for (const side of [OrderSide.Bid, OrderSide.Ask])
      sim!.exchange.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side, size: 2 });
    await vi.waitFor(() => expect(of(user, 'GatewayUserPosition')).toHaveLength(2));
    const [, [close]] = of(user, 'GatewayUserPosition') as [[unknown], [{ action: number; data: Record<string, unknown> }]];
    expect(close.action).toBe(UserHubAction.Remove);
    expect(close.data).toMatchObject({ type: 0, size: 0, averagePrice: 21000 });
  });

  it('sends quotes as deltas: a null side, the contract field, lastUpdated advancing while timestamp stays at the open', async () => {
    const { market } = await started({ wireFormat: 'live' });
    await vi.waitFor(() => expect(of(market, 'GatewayQuote')).toHaveLength(1));
    const [[contractId, first]] = of(market, 'GatewayQuote') as [[string, Record<string, unknown>]];
    expect(contractId).toBe(MNQ);
    expect(first).toMatchObject({ symbol: 'F.US.MNQ', lastPrice: 21000, bestBid: 20999.75, bestAsk: 21000, contract: MNQ });
    expect(first.timestamp).toMatch(QUOTE_TIME);

    sim!.exchange.setPrice(MNQ, 21010);
    await vi.waitFor(() => expect(of(market, 'GatewayQuote')).toHaveLength(3));
    const [, [, withLast], [, bidAsk]] = of(market, 'GatewayQuote') as [
      unknown,
      [string, Record<string, unknown>],
      [string, Record<string, unknown>],
    ];
    expect(withLast).toEqual({
      symbol: 'F.US.MNQ',
      contract: MNQ,
      lastPrice: 21010,
      bestBid: 21009.75,
      bestAsk: null,
      timestamp: first.timestamp,
      lastUpdated: expect.stringMatching(QUOTE_TIME),
    });
    expect(bidAsk).toEqual({
      symbol: 'F.US.MNQ',
      contract: MNQ,
      bestBid: null,
      bestAsk: 21010,
      timestamp: first.timestamp,
      lastUpdated: expect.stringMatching(QUOTE_TIME),
    });
  });

  it('sends trade prints as a null-padded array, each item naming its contract', async () => {
    const { market } = await started({ wireFormat: 'live' });
    sim!.exchange.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 3 });
    await vi.waitFor(() => expect(of(market, 'GatewayTrade')).toHaveLength(1));
    const [[contractId, prints]] = of(market, 'GatewayTrade') as [[string, unknown[]]];
    expect(contractId).toBe(MNQ);
    expect(prints).toEqual([
      { symbolId: 'F.US.MNQ', price: 21000, timestamp: expect.stringMatching(QUOTE_TIME), type: 1, volume: 3, contractId: MNQ },
      null,
    ]);
  });

  it('refuses the market hub with 401 without market data, while the user hub and REST work', async () => {
    sim = await startSimulator({ randomWalk: false, marketData: false });
    const token = await login();
    await expect(listen('market', token, [])).rejects.toThrow();
    expect(await upgradeStatus(`${sim.url}/hubs/market`, token)).toBe(401);
    expect(await upgradeStatus(`${sim.url}/hubs/user`, token)).toBe(101);
    await listen('user', token, []);
    expect(await rest(token, 'Account/search', { onlyActiveAccounts: true })).toMatchObject({ success: true });
    applyFaults(sim, { marketData: true });
    await listen('market', token, []);
  });
});

describe('the documented wire format', () => {
  it('sends bare entities, full quotes, one print object and …Z instants, with null price keys and no commissions', async () => {
    const { user, market } = await started({ wireFormat: 'documented' });
    sim!.exchange.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    sim!.exchange.setPrice(MNQ, 21005);
    await vi.waitFor(() => expect(of(user, 'GatewayUserAccount')).toHaveLength(1));
    await vi.waitFor(() => expect(of(market, 'GatewayQuote')).toHaveLength(2));
    const [[order]] = of(user, 'GatewayUserOrder') as [[Record<string, unknown>]];
    expect(order).toMatchObject({ status: 6, limitPrice: null, stopPrice: null });
    expect(order).not.toHaveProperty('action');
    expect(order.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const [[trade]] = of(user, 'GatewayUserTrade') as [[Record<string, unknown>]];
    expect(trade).not.toHaveProperty('commissions');
    const [[, print]] = of(market, 'GatewayTrade') as [[string, unknown]];
    expect(print).toMatchObject({ symbolId: 'F.US.MNQ', price: 21000, volume: 1 });
    const [, [, quote]] = of(market, 'GatewayQuote') as [unknown, [string, Record<string, unknown>]];
    expect(quote).toMatchObject({ lastPrice: 21005, bestBid: 21004.75, bestAsk: 21005 });
    expect(quote).not.toHaveProperty('contract');
  });
});
