/** The behaviour rules in the real service against the simulator: an add to a loser, a stop moved away, a revenge entry. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectXApi } from '../../src/main/gateway/projectx-api';
import { OrderSide, OrderType } from '../../src/main/gateway/wire';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, MNQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;
const openPositions = () => harness!.sim.exchange.openPositions(DEMO_ACCOUNT);
const openOrders = () => harness!.sim.exchange.openOrders(DEMO_ACCOUNT);
/** The platform's own order calls, beyond the market orders the trader helper places. */
const platform = (trader: Trader) => (trader as unknown as { api: ProjectXApi }).api;

describe('RULE-018 adding_to_loser in the service', () => {
  it('cancels a resting add order to a losing position, and takes a market add back off', async () => {
    harness = await startHarness({ config: config({ adding_to_loser: { loss: -100 } }) });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(MNQ, 21000);
    await trader.buy(MNQ, 2);
    harness.sim.exchange.setPrice(MNQ, 20975); // 2 × 100 ticks × $0.50 = −$100.00 open
    await eventually(() => expect(account().positions[0]?.unrealized).toBe(-100));

    const orderId = await trader.limitBuy(MNQ, 1, 20950);
    await eventually(() => expect(harness!.sim.calls['Order/cancel']).toBe(1));
    expect(openOrders().some((o) => o.id === orderId)).toBe(false);

    await trader.buy(MNQ, 1);
    await eventually(() => expect(harness!.sim.calls['Position/partialCloseContract']).toBe(1));
    await eventually(() => expect(openPositions().map((p) => p.size)).toEqual([2]));
    await harness.service.settled();
    expect(harness.sim.calls['Position/partialCloseContract']).toBe(1);
    expect(account().lockout).toBeNull();
  });
});

describe('RULE-019 stop_moved_away in the service', () => {
  it('puts a stop dragged away from the price back where it was, and lets it be tightened', async () => {
    harness = await startHarness({ config: config({ stop_moved_away: {} }) });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(MNQ, 21000);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions).toHaveLength(1));
    const stopId = await platform(trader).placeOrder({
      accountId: DEMO_ACCOUNT,
      contractId: MNQ,
      type: OrderType.Stop,
      side: OrderSide.Ask,
      size: 1,
      stopPrice: 20990,
    });
    await eventually(() => expect(account().openOrders).toHaveLength(1));

    await platform(trader).modifyOrder(DEMO_ACCOUNT, stopId, { stopPrice: 20950 });
    await eventually(() => expect(harness!.sim.calls['Order/modify']).toBe(2));
    await eventually(() => expect(openOrders().map((o) => o.stopPrice)).toEqual([20990]));

    await platform(trader).modifyOrder(DEMO_ACCOUNT, stopId, { stopPrice: 20995 });
    await harness.service.settled();
    expect(openOrders().map((o) => o.stopPrice)).toEqual([20995]);
    expect(harness.sim.calls['Order/modify']).toBe(3);
  });
});

describe('RULE-020 revenge_reentry in the service', () => {
  it('closes a position opened right after a losing close, and leaves one after a winning close', async () => {
    harness = await startHarness({ config: config({ revenge_reentry: { within: '5m' } }) });
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, MNQ, 21000, 21010);
    await eventually(() => expect(account().pnl.realized).toBeGreaterThan(0));
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions).toHaveLength(1));
    await harness.service.settled();
    expect(openPositions()).toHaveLength(1);
    harness.sim.exchange.setPrice(MNQ, 21020);
    await trader.sell(MNQ, 1);
    await eventually(() => expect(account().positions).toEqual([]));

    await trader.roundTrip(harness.sim, MNQ, 21000, 20950);
    await eventually(() => expect(account().pnl.realized).toBeLessThan(0));
    await trader.buy(MNQ, 1);
    await eventually(() => expect(harness!.sim.calls['Position/closeContract']).toBe(1));
    await eventually(() => expect(openPositions()).toEqual([]));
    await harness.service.settled();
    expect(harness.sim.calls['Position/closeContract']).toBe(1);
    const rule = account().rules.find((r) => r.ruleId === 'RULE-020');
    expect(rule?.summary).toMatch(/^Re-entered MNQ at .+ after a loss$/);
  });

  it('takes no revenge on a close Risk Warden made: a re-entry after its own flatten at a loss is the trader\u2019s first', async () => {
    harness = await startHarness({ config: config({ max_contracts: { limit: 1 }, revenge_reentry: { within: '5m' } }) });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(MNQ, 21000);
    await trader.buy(MNQ, 2); // past max contracts: Risk Warden closes both, at a loss of the fees
    await eventually(() => expect(harness!.sim.calls['Position/closeContract']).toBe(1));
    await eventually(() => expect(account().positions).toEqual([]));
    await harness.service.settled();
    expect(account().pnl.realized).toBeLessThan(0);

    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions).toHaveLength(1));
    await harness.service.settled();
    expect(harness.sim.calls['Position/closeContract']).toBe(1);
    expect(openPositions()).toHaveLength(1);
    expect(harness.service.snapshot().timeline.map((e) => e.title)).not.toContain('Revenge re-entry broken');
  });
});
