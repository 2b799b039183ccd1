import { afterEach, describe, expect, it } from 'vitest';
import { GatewayNetworkError } from '../../src/main/gateway/errors';
import { ProjectXApi } from '../../src/main/gateway/projectx-api';
import { RestClient } from '../../src/main/gateway/rest-client';
import { OrderSide, OrderStatus, OrderType, TradeLogType } from '../../src/main/gateway/wire';
import { RiskService, type RiskServiceOptions } from '../../src/main/service/risk-service';
import { applyFaults, startSimulator, type Simulator } from '../../src/main/sim/simulator';
import { config, eventually, startHarness, tempDir, type Harness } from '../helpers/harness';
import { believed, expectedFrom, simState } from '../helpers/sim-state';
import { DEMO_ACCOUNT, ES, MNQ, Trader } from '../helpers/trader';

const noRules = config({});
let harness: Harness | undefined;
afterEach(async () => harness?.close());

describe.each(['live', 'documented'] as const)('gateway client against the simulator (%s wire format)', (wireFormat) => {
  it('connects, loads the account and goes live', async () => {
    harness = await startHarness({ config: noRules, sim: { wireFormat } });
    const snapshot = harness.service.snapshot();
    expect(snapshot.connection.state).toBe('live');
    expect(snapshot.accounts.map((a) => [a.id, a.name, a.balance])).toEqual([[7001, 'PRAC-V2-RW-DEMO-50K', 50_000]]);
  });

  it('follows fills: positions and realized P&L match what /sim/state says', async () => {
    harness = await startHarness({ config: noRules, sim: { wireFormat } });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(MNQ, 21000);
    await trader.buy(MNQ, 3);
    harness.sim.exchange.setPrice(MNQ, 21010);
    await trader.sell(MNQ, 1);
    await trader.roundTrip(harness.sim, ES, 6000, 5998);
    const expected = expectedFrom(await simState(harness.sim));
    expect(expected.positions).toEqual([{ contractId: MNQ, size: 2, averagePrice: 21000 }]);
    await eventually(() => expect(believed(harness!.service.snapshot())).toEqual(expected));
    expect(harness.service.snapshot().accounts[0]!.pnl.unrealized).toBe(40); // 2 × 40 ticks × $0.50
  });

  it('moves the mark on a market trade print, batched or single', async () => {
    harness = await startHarness({ config: noRules, sim: { wireFormat } });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(ES, 6000);
    await trader.buy(ES, 1);
    await eventually(() => expect(harness!.service.snapshot().accounts[0]!.positions[0]?.markPrice).toBe(6000));
    harness.sim.hubs.publishPrint(ES, {
      symbolId: 'F.US.EP',
      price: 6002.5,
      timestamp: new Date().toISOString(),
      type: TradeLogType.Buy,
      volume: 3,
    });
    await eventually(() =>
      expect(harness!.service.snapshot().accounts[0]!.positions[0]).toMatchObject({ markPrice: 6002.5, unrealized: 125 }),
    );
  });

  it("loads what happened before it started: open positions and today's fills", async () => {
    harness = await startHarness({ config: noRules, sim: { wireFormat } });
    const trader = await Trader.login(harness.sim);
    await harness.service.stop();
    await trader.roundTrip(harness.sim, ES, 6000, 5999);
    await trader.buy(MNQ, 2);
    await harness.restart();
    expect(believed(harness.service.snapshot())).toEqual(expectedFrom(await simState(harness.sim)));
  });
});

describe('gateway client across a dropped socket', () => {
  it('applies a fill made while the hubs were down exactly once after the reconnect', async () => {
    harness = await startHarness({ config: noRules });
    const trader = await Trader.login(harness.sim);
    harness.sim.hubs.dropAll();
    await trader.roundTrip(harness.sim, ES, 6000, 5996); // −200 gross, 2.80 fees
    await eventually(() => expect(harness!.service.snapshot().accounts[0]!.pnl.realized).toBe(-202.8), 10_000);
    await eventually(() => expect(harness!.service.snapshot().connection.state).toBe('live'), 10_000);
    await trader.roundTrip(harness.sim, ES, 6000, 6001);
    await eventually(() => expect(believed(harness!.service.snapshot())).toMatchObject({ realized: -155.6 }));
  });
});

describe('a breach that happens while the hubs are down', () => {
  it('still fires once the reconcile sees it: the 6-lot bought in the gap is closed, its fill counted once', async () => {
    harness = await startHarness({ config: config({ max_contracts: { limit: 5 } }) });
    const trader = await Trader.login(harness.sim);
    harness.sim.hubs.dropAll();
    await trader.buy(MNQ, 6);
    await eventually(() => expect(harness!.sim.exchange.openPositions(7001)).toEqual([]), 10_000);
    await harness.service.settled();
    expect(harness.sim.calls['Position/closeContract']).toBe(1);
    await eventually(async () => expect(believed(harness!.service.snapshot())).toEqual(expectedFrom(await simState(harness!.sim))));
    expect(harness.service.snapshot().accounts[0]!.tradeCount).toBe(1);
  });
});

describe('large hub messages', () => {
  it('takes a message over 1 MiB (depth snapshots can be large)', async () => {
    harness = await startHarness({ config: noRules });
    const order = {
      id: 2_700_000_001,
      accountId: DEMO_ACCOUNT,
      contractId: MNQ,
      symbolId: 'F.US.MNQ',
      creationTimestamp: new Date().toISOString(),
      updateTimestamp: new Date().toISOString(),
      status: OrderStatus.Open,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 1,
      limitPrice: 20000,
      stopPrice: null,
      fillVolume: 0,
      filledPrice: null,
      customTag: 'x'.repeat(1_500_000),
    };
    harness.sim.hubs.publishUser('orders', DEMO_ACCOUNT, 'GatewayUserOrder', order);
    await eventually(() => expect(harness!.service.snapshot().accounts[0]!.openOrders.map((o) => o.id)).toEqual([2_700_000_001]));
  });
});

describe('gateway lifecycle: refusals and timeouts', () => {
  const service = (sim: Simulator, options: Partial<RiskServiceOptions> = {}) =>
    new RiskService({
      credentials: { apiUrl: sim.url, rtcUrl: sim.url, username: 'trader', apiKey: 'key' },
      mode: 'demo',
      config: noRules,
      dataDir: tempDir(),
      ...options,
    });

  it('refuses bad credentials with the login code, shows the connection failed and keeps nothing running', async () => {
    const sim = await startSimulator();
    try {
      const refused = service(sim, { credentials: { apiUrl: sim.url, rtcUrl: sim.url, username: 'trader', apiKey: '' } });
      await expect(refused.start()).rejects.toThrow(/Auth\/loginKey.*(InvalidCredentials|3)/);
      expect(refused.snapshot().connection.state).toBe('failed');
      await refused.stop();
    } finally {
      await sim.close();
    }
  });

  it('gives up on a call the gateway does not answer in time, as a transient network failure', async () => {
    const sim = await startSimulator();
    try {
      applyFaults(sim, { latencyMs: 1_000 });
      const api = new ProjectXApi(new RestClient({ baseUrl: sim.url, timeoutMs: 100 }));
      const error = await api.loginKey('trader', 'key').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayNetworkError);
      expect((error as GatewayNetworkError).transient).toBe(true);
      expect((error as Error).message).toMatch(/Auth\/loginKey.*network failure/);
    } finally {
      await sim.close();
    }
  });

  it('guards only the accounts it is told to, and says which one it cannot find', async () => {
    const sim = await startSimulator();
    try {
      const guarded = service(sim, { guardAccounts: [7001] });
      await guarded.start();
      expect(guarded.snapshot().accounts.map((a) => a.id)).toEqual([7001]);
      await guarded.stop();
      const missing = service(sim, { guardAccounts: [9999] });
      await expect(missing.start()).rejects.toThrow('account 9999 to guard not found for this login (it has 7001 PRAC-V2-RW-DEMO-50K)');
      await missing.stop();
    } finally {
      await sim.close();
    }
  });
});
