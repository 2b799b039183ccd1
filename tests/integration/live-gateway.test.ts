/**
 * The gateway as it really is (PROJECTX.md §13), through the real client and service against the simulator
 * speaking the live wire format: a login without market data, partial quotes, one fee rule, `action` codes,
 * odd rows in lists.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { roundCents } from '../../src/shared/domain';
import { OrderStatus, UserHubAction } from '../../src/main/gateway/wire';
import { applyFaults } from '../../src/main/sim/simulator';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { believed, expectedFrom, simState } from '../helpers/sim-state';
import { DEMO_ACCOUNT, ES, MNQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;
const rule = (ruleId: string) => account().rules.find((r) => r.ruleId === ruleId)!;
const live = { wireFormat: 'live' } as const;

describe('a login without the market-data entitlement (the market hub answers 401)', () => {
  const rules = config({
    max_contracts: { limit: 5 },
    daily_unrealized_loss: { limit: -300 },
    daily_realized_loss: { limit: -500, include_unrealized: true },
  });

  it('starts all the same, says which rules cannot run, and enforces every other one', async () => {
    harness = await startHarness({ config: rules, sim: { ...live, marketData: false } });
    const snapshot = harness.service.snapshot();
    expect(snapshot.connection.state).toBe('live');
    expect(snapshot.problems).toEqual([
      {
        kind: 'marketData',
        title: 'No market data',
        detail:
          'the market hub refused this login (401): open-P&L rules (RULE-004, RULE-005, RULE-012, include_unrealized) cannot run; every other rule is enforced',
        since: expect.any(String),
      },
    ]);
    for (const ruleId of ['RULE-004', 'RULE-003'])
      expect(rule(ruleId).summary).toBe('Cannot run: no market data (the market hub refused this login (401))');
    expect(rule('RULE-001').summary).toBe('0 of 5 contracts');

    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 6);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    expect(harness.sim.calls['Position/closeContract']).toBe(1);
  });

  it('does not call the expected silence stale nor restart the market feed while positions are held', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startHarness({ config: rules, sim: { ...live, marketData: false }, clock });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 2);
    await eventually(() => expect(harness!.service.snapshot().accounts[0]!.positions.map((p) => p.size)).toEqual([2]));
    await clock.advance(120_000);
    const snapshot = harness.service.snapshot();
    expect(snapshot.connection.state).toBe('live');
    expect(snapshot.timeline.map((e) => e.detail ?? '')).not.toContainEqual(expect.stringMatching(/restarting the market feed/));
    expect(snapshot.problems.map((p) => p.kind)).toEqual(['marketData']);
  });

  it('tries the market hub again when the user hub reconnects; the first quote clears the problem', async () => {
    harness = await startHarness({ config: rules, sim: { ...live, marketData: false } });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions.map((p) => p.markPrice)).toEqual([null]));
    applyFaults(harness.sim, { marketData: true });
    harness.sim.hubs.dropAll('user');
    await eventually(() => expect(harness!.service.snapshot().problems).toEqual([]), 10_000);
    expect(account().positions.map((p) => p.markPrice)).toEqual([21000]);
    expect(rule('RULE-004').summary).not.toMatch(/Cannot run/);
    expect(harness.service.snapshot().timeline.map((e) => e.title)).toContain(
      'Market data is back: quotes are flowing, open-P&L rules run again',
    );
  });
});

describe('live quotes through the client', () => {
  it('marks a position from a bid/ask-only first quote, keeps the known side of a null one, and takes a padded print', async () => {
    harness = await startHarness({ config: config({}), sim: live });
    const trader = await Trader.login(harness.sim);
    harness.sim.hubs.marketPaused = true; // no quote for ES until the test sends one
    await trader.buy(ES, 1);
    await eventually(() => expect(account().positions).toHaveLength(1));
    await eventually(() => expect(harness!.sim.hubs.listeners()).toContain(`market quotes ${ES}`));
    harness.sim.hubs.marketPaused = false;
    const open = '2026-11-26T23:00:00.000+00:00';
    const quote = (fields: object) =>
      harness!.sim.hubs.publishQuote(ES, {
        symbol: 'F.US.EP',
        ...fields,
        lastUpdated: new Date().toISOString(),
        timestamp: open,
        contract: ES,
      });

    quote({ bestBid: 6001, bestAsk: 6001.5 });
    await eventually(() => expect(account().positions[0]).toMatchObject({ markPrice: 6001.25, unrealized: 62.5 }));
    quote({ bestBid: null, bestAsk: 6002 });
    await eventually(() => expect(account().positions[0]!.markPrice).toBe(6001.5));
    harness.sim.hubs.publishPrint(ES, { symbolId: 'F.US.EP', price: 6003, timestamp: new Date().toISOString(), type: 0, volume: 1 });
    await eventually(() => expect(account().positions[0]).toMatchObject({ markPrice: 6003, unrealized: 150 }));
    quote({ bestBid: 6004, bestAsk: null });
    quote({ lastPrice: 6002.75, bestBid: null, bestAsk: null });
    await eventually(() => expect(account().positions[0]!.markPrice).toBe(6002.75));
  });
});

describe('one fee rule on every path', () => {
  it('books the same fees and P&L for a fill by stream, by REST reconcile and at a restart: what the broker’s balance says', async () => {
    harness = await startHarness({ config: config({}), sim: live });
    const trader = await Trader.login(harness.sim);
    const balanceMoved = async () => roundCents((await simState(harness!.sim)).accounts[0]!.balance - 50_000);

    await trader.roundTrip(harness.sim, MNQ, 21000, 20990); // by stream: −20 gross, 0.74 fees (the stream adds commissions)
    await eventually(async () => expect(account().pnl.realized).toBe(await balanceMoved()));
    expect(account().pnl).toMatchObject({ realized: -20.74, fees: 0.74 });

    harness.sim.hubs.dropAll();
    await trader.roundTrip(harness.sim, ES, 6000, 5996); // by REST, made while the hubs are down: −200 gross, 2.80 fees
    await eventually(() => expect(account().pnl.realized).toBe(-223.54), 10_000);
    expect(account().pnl).toMatchObject({ realized: await balanceMoved(), fees: 3.54 });

    await harness.restart(); // every fill by REST
    expect(account().pnl).toMatchObject({ realized: -223.54, fees: 3.54 });
    expect(account().balance).toBe(roundCents(50_000 - 223.54));
  });
});

describe('the user hub’s action codes', () => {
  async function restingOrder() {
    harness = await startHarness({ config: config({}), sim: live });
    const trader = await Trader.login(harness.sim);
    const id = await trader.limitBuy(MNQ, 1, 20_000);
    await eventually(() => expect(account().openOrders.map((o) => o.id)).toEqual([id]));
    const order = harness.sim.exchange.ordersOf(DEMO_ACCOUNT).find((o) => o.id === id)!;
    /** The live hub's removal of the order, its status still working (price keys absent when unset). */
    const removal = { ...order, stopPrice: undefined, filledPrice: undefined, parentOrderId: undefined, linkedOrderId: undefined };
    const hubs = harness.sim.hubs;
    /** Sends that removal (action 2) on the user hub. */
    const removeWhileWorking = () =>
      hubs.publishUser('orders', DEMO_ACCOUNT, 'GatewayUserOrder', { ...removal, status: OrderStatus.Open }, UserHubAction.Remove);
    return { order, removal, removeWhileWorking };
  }

  it('takes an order removed (action 2) while working as gone, and Order/search says it was cancelled', async () => {
    const { order, removeWhileWorking } = await restingOrder();
    order.status = OrderStatus.Cancelled; // the gateway's books, not yet told
    removeWhileWorking();
    await eventually(() => expect(account().openOrders).toEqual([]));
    await eventually(() => expect(harness!.sim.calls['Order/search']).toBe(1));
    expect(account().openOrders).toEqual([]);
  });

  it('keeps it working when Order/search says it still is', async () => {
    const { removal, removeWhileWorking } = await restingOrder();
    removeWhileWorking();
    await eventually(() => expect(harness!.sim.calls['Order/search']).toBe(1));
    await eventually(() => expect(account().openOrders.map((o) => [o.id, o.state])).toEqual([[removal.id, 'open']]));
  });

  it('takes a position removed (action 2) as flat', async () => {
    harness = await startHarness({ config: config({}), sim: live });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 2);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([2]));
    await trader.sell(MNQ, 2); // the simulator sends the close as live does: action 2, type 0, size 0
    await eventually(() => expect(account().positions).toEqual([]));
    expect(believed(harness.service.snapshot())).toEqual(expectedFrom(await simState(harness.sim)));
  });
});

describe('a list with a row the client cannot read', () => {
  it('connects and reconciles all the same, the odd row of every list skipped', async () => {
    harness = await startHarness({ config: config({ max_contracts: { limit: 5 } }), sim: live });
    await harness.service.stop();
    applyFaults(harness.sim, { oddRows: true });
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, ES, 6000, 5998);
    await harness.restart(); // the connect reads every list
    expect(harness.service.snapshot().connection.state).toBe('live');
    expect(believed(harness.service.snapshot())).toEqual(expectedFrom(await simState(harness.sim)));

    harness.sim.hubs.dropAll();
    await trader.buy(MNQ, 6); // while the hubs are down: only the reconcile, which reads the lists again, sees it
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]), 10_000);
    await eventually(async () => expect(believed(harness!.service.snapshot())).toEqual(expectedFrom(await simState(harness!.sim))));
  });
});
