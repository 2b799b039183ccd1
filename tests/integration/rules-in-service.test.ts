/** The rules that act on time, on the broker's word or through protective orders, in the real service. */
import { afterEach, describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../src/main/gateway/wire';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, MNQ, NQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;
const openPositions = () => harness!.sim.exchange.openPositions(DEMO_ACCOUNT);
const openStops = () => harness!.sim.exchange.openOrders(DEMO_ACCOUNT).filter((o) => o.type === OrderType.Stop);

describe('RULE-008 no_stop_loss_grace in the service', () => {
  it('closes an unprotected position when the grace period ends, counting time from before a restart', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startHarness({ config: config({ no_stop_loss_grace: { grace_period_seconds: 10 } }), clock });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions).toHaveLength(1));
    await clock.advance(6000);
    expect(openPositions()).toHaveLength(1);
    await harness.restart();
    await clock.advance(5000);
    await eventually(() => expect(openPositions()).toEqual([]));
  });

  it('leaves a position with a working stop alone', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startHarness({ config: config({ no_stop_loss_grace: { grace_period_seconds: 10 } }), clock });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 1);
    await harness.service.settled();
    await (trader as unknown as { api: { placeOrder(o: object): Promise<number> } }).api.placeOrder({
      accountId: DEMO_ACCOUNT,
      contractId: MNQ,
      type: OrderType.Stop,
      side: OrderSide.Ask,
      size: 1,
      stopPrice: 20990,
    });
    await eventually(() => expect(account().openOrders).toHaveLength(1));
    await clock.advance(30_000);
    expect(openPositions()).toHaveLength(1);
  });
});

describe('RULE-012 trade_management in the service', () => {
  it('places a breakeven stop, then trails it with Order/modify, never widening it', async () => {
    harness = await startHarness({
      config: config({
        trade_management: { auto_breakeven: { profit_ticks: 4, offset_ticks: 1 }, trailing_stop: { activation_ticks: 8, trail_ticks: 4 } },
      }),
    });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(MNQ, 21000);
    await trader.buy(MNQ, 2);
    await eventually(() => expect(account().positions).toHaveLength(1));
    harness.sim.exchange.setPrice(MNQ, 21001); // 4 ticks up
    await eventually(() => expect(openStops().map((o) => [o.stopPrice, o.size, o.side])).toEqual([[21000.25, 2, 1]]));
    harness.sim.exchange.setPrice(MNQ, 21003); // 12 ticks up: trail 4 ticks behind
    await eventually(() => expect(openStops().map((o) => o.stopPrice)).toEqual([21002]));
    expect(harness.sim.calls['Order/modify']).toBeGreaterThanOrEqual(1);
    harness.sim.exchange.setPrice(MNQ, 21002.5); // back down: the stop stays
    await harness.service.settled();
    expect(openStops().map((o) => o.stopPrice)).toEqual([21002]);
    expect(account().lockout).toBeNull();
  });
});

describe('RULE-009 session_block_outside in the service', () => {
  it('outside the session, flattens a new position and locks until the next session opens', async () => {
    const saturdayNoon = new FakeClock(Date.parse('2026-11-28T18:00:00Z'));
    harness = await startHarness({ config: config({ session_block_outside: { start: '08:30', end: '15:00' } }), clock: saturdayNoon });
    const trader = await Trader.login(harness.sim);
    await trader.buy(ES, 1);
    await eventually(() => expect(account().lockout).toMatchObject({ kind: 'untilSessionStart', until: '2026-11-30T14:30:00.000Z' }));
    await eventually(() => expect(openPositions()).toEqual([]));
  });
});

describe('RULE-010 auth_loss_guard in the service', () => {
  it('makes no gateway call for an account the broker refuses, and acts again once it may trade', async () => {
    harness = await startHarness({ config: config({ auth_loss_guard: { enabled: true }, daily_unrealized_loss: { limit: -300 } }) });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(ES, 6000);
    await trader.buy(ES, 1);
    await eventually(() => expect(account().positions).toHaveLength(1));
    harness.sim.exchange.setCanTrade(DEMO_ACCOUNT, false);
    await eventually(() => expect(account().rules.find((r) => r.ruleId === 'RULE-010')?.state).toBe('breached'));
    harness.sim.exchange.setPrice(ES, 5990); // −500 open: the per-position stop would close it…
    await eventually(() => expect(account().positions[0]?.unrealized).toBe(-500));
    await harness.service.settled();
    expect(harness.sim.calls['Position/closeContract']).toBeUndefined(); // …but the broker refuses the account
    harness.sim.exchange.setCanTrade(DEMO_ACCOUNT, true);
    await eventually(() => expect(openPositions()).toEqual([]));
    expect(harness.sim.calls['Position/closeContract']).toBe(1);
  });
});

describe('cooldowns in the service (RULE-007)', () => {
  it('locks for the tier cooldown after a losing close and unlocks by itself when it ends', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startHarness({ config: config({ cooldown_after_loss: { tiers: [{ loss: -100, cooldown: '15m' }] } }), clock });
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, NQ, 21000, 20990); // −200
    await eventually(() =>
      expect(account().lockout).toMatchObject({
        kind: 'cooldown',
        ruleId: 'RULE-007',
        until: new Date(clock.now() + 900_000).toISOString(),
      }),
    );
    await clock.advance(900_000);
    expect(account().lockout).toBeNull();
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions).toHaveLength(1));
    await harness.service.settled();
    expect(openPositions()).toHaveLength(1);
  });
});

describe('reduce_to_limit (RULE-002) in the service', () => {
  it('trims only the excess with Position/partialCloseContract', async () => {
    harness = await startHarness({
      config: config({ max_contracts_per_instrument: { default_limit: 3, instrument_limits: { MNQ: 2 }, action: 'reduce_to_limit' } }),
    });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 5);
    await eventually(() => expect(openPositions().map((p) => p.size)).toEqual([2]));
    expect(harness.sim.calls['Position/partialCloseContract']).toBe(1);
  });
});
