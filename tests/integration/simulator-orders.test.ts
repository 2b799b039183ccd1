/** Brackets, OCO and trailing stops in the simulator, seen through the real client and service. */
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayRejectedError } from '../../src/main/gateway/errors';
import { ProjectXApi } from '../../src/main/gateway/projectx-api';
import { RestClient } from '../../src/main/gateway/rest-client';
import { OrderSide, OrderType } from '../../src/main/gateway/wire';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { believed, expectedFrom, simState } from '../helpers/sim-state';
import { DEMO_ACCOUNT, MNQ } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;

async function platform(): Promise<ProjectXApi> {
  const api = new ProjectXApi(new RestClient({ baseUrl: harness!.sim.url }));
  await api.loginKey('platform', 'key');
  return api;
}

describe('bracket orders', () => {
  it('creates suspended legs, prices them on the fill, and cancels the sibling when one fills (OCO)', async () => {
    harness = await startHarness({ config: config({}) });
    const api = await platform();
    harness.sim.exchange.setPrice(MNQ, 21000);
    const entry = await api.placeOrder({
      accountId: DEMO_ACCOUNT,
      contractId: MNQ,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 2,
      limitPrice: 20990,
      stopLossBracket: { ticks: -8, type: OrderType.Stop },
      takeProfitBracket: { ticks: 16, type: OrderType.Limit },
    });
    await eventually(() =>
      expect(
        account()
          .openOrders.map((o) => o.state)
          .sort(),
      ).toEqual(['open', 'suspended', 'suspended']),
    );
    expect((await api.openOrders(DEMO_ACCOUNT)).map((o) => o.id)).toEqual([entry]); // searchOpen hides suspended legs
    expect((await api.orderById(DEMO_ACCOUNT, entry + 1))?.state).toBe('suspended'); // searchById does not

    harness.sim.exchange.setPrice(MNQ, 20990); // the entry fills at 20990
    await eventually(() =>
      expect(
        account()
          .openOrders.map((o) => [o.kind, o.state, o.limitPrice ?? o.stopPrice])
          .sort(),
      ).toEqual([
        ['limit', 'open', 20994],
        ['stop', 'open', 20988],
      ]),
    );
    harness.sim.exchange.setPrice(MNQ, 20988); // the stop leg fills; the target is cancelled
    await eventually(() => expect(account().openOrders).toEqual([]));
    expect(harness.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]);
    await eventually(async () => expect(believed(harness!.service.snapshot())).toEqual(expectedFrom(await simState(harness!.sim))));
  });

  it.each([
    [{ stopLossBracket: { ticks: 8, type: OrderType.Stop } }, 'Invalid stop loss ticks (8). Ticks should be less than zero when longing.'],
    [
      { takeProfitBracket: { ticks: -8, type: OrderType.Limit } },
      'Invalid take profit ticks (-8). Ticks should be greater than zero when longing.',
    ],
    [{ stopLossBracket: { ticks: -2, type: OrderType.Stop } }, 'Invalid stop loss ticks (-2). Price should be at least 4 ticks away.'],
  ])('refuses %j with the live gateway message, and the rejected order still exists', async (brackets, message) => {
    harness = await startHarness({ config: config({}) });
    const api = await platform();
    const error = await api
      .placeOrder({ accountId: DEMO_ACCOUNT, contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1, ...brackets })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayRejectedError);
    expect(error).toMatchObject({ codeName: 'OrderRejected', gatewayMessage: message });
    expect(harness.sim.exchange.state().trades).toEqual([]);
  });

  it('counts a bracket stop as protection for RULE-008', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startHarness({ config: config({ no_stop_loss_grace: { grace_period_seconds: 10 } }), clock });
    const api = await platform();
    await api.placeOrder({
      accountId: DEMO_ACCOUNT,
      contractId: MNQ,
      type: OrderType.Market,
      side: OrderSide.Bid,
      size: 1,
      stopLossBracket: { ticks: -20, type: OrderType.Stop },
    });
    await eventually(() => expect(account().openOrders.map((o) => o.state)).toEqual(['open']));
    await clock.advance(30_000);
    expect(harness.sim.exchange.openPositions(DEMO_ACCOUNT)).toHaveLength(1);
  });
});

describe('trailing stops', () => {
  it('follow the price by their distance, never back, and trigger', async () => {
    harness = await startHarness({ config: config({}) });
    const api = await platform();
    harness.sim.exchange.setPrice(MNQ, 21000);
    await api.placeOrder({ accountId: DEMO_ACCOUNT, contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    const trail = await api.placeOrder({
      accountId: DEMO_ACCOUNT,
      contractId: MNQ,
      type: OrderType.TrailingStop,
      side: OrderSide.Ask,
      size: 1,
      trailPrice: 20998, // 8 ticks
    });
    expect((await api.orderById(DEMO_ACCOUNT, trail))?.stopPrice).toBe(20998);
    harness.sim.exchange.setPrice(MNQ, 21005);
    expect((await api.orderById(DEMO_ACCOUNT, trail))?.stopPrice).toBe(21003);
    harness.sim.exchange.setPrice(MNQ, 21004);
    expect((await api.orderById(DEMO_ACCOUNT, trail))?.stopPrice).toBe(21003);
    harness.sim.exchange.setPrice(MNQ, 21003);
    expect((await api.orderById(DEMO_ACCOUNT, trail))?.state).toBe('filled');
    expect(harness.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]);
  });
});
