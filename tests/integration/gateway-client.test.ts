import { afterEach, describe, expect, it } from 'vitest';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { believed, expectedFrom, simState } from '../helpers/sim-state';
import { ES, MNQ, Trader } from '../helpers/trader';

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

  it('loads what happened before it started: open positions and today\'s fills', async () => {
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
