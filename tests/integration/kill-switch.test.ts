/**
 * The kill switch against the simulator: through the real service it flattens, cancels and locks
 * until the reset while the gateway answers slowly, survives a restart and is lifted only by the
 * administrator prompt; and its closes and cancels take the gateway's enforcement lane, so they go
 * out at once while ordinary calls sent before them still wait for the rate window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MarketBook } from '../../src/main/engine/market-book';
import { Executor } from '../../src/main/enforcement/executor';
import { Lockouts } from '../../src/main/enforcement/lockouts';
import { GatewayClient } from '../../src/main/gateway/gateway-client';
import { FlattenAndLock } from '../../src/main/service/flatten-and-lock';
import { KillSwitch } from '../../src/main/service/kill-switch';
import { applyFaults, startSimulator } from '../../src/main/sim/simulator';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { openTestStore } from '../helpers/store';
import { DEMO_ACCOUNT, MNQ, Trader } from '../helpers/trader';
import { recorderOf } from '../unit/service/recorder-of';

/** Tue Mar 10 2026, 2:00 PM CT. */
const TUESDAY_2PM = Date.parse('2026-03-10T19:00:00Z');
const SLOW_MS = 1500;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let harness: Harness | undefined;
afterEach(async () => harness?.close());

const account = () => harness!.service.snapshot().accounts[0]!;

describe('kill switch through the service', () => {
  it('flattens, cancels and locks until the reset at once while the gateway is slow; a restart keeps it; only an admin lifts it', async () => {
    harness = await startHarness({ config: config({}), clock: new FakeClock(TUESDAY_2PM) });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(MNQ, 21_000);
    await trader.buy(MNQ, 3);
    await trader.limitBuy(MNQ, 1, 20_000);
    await eventually(() => expect(account()).toMatchObject({ positions: [{ size: 3 }], openOrders: [{ limitPrice: 20_000 }] }));

    applyFaults(harness.sim, { latencyMs: SLOW_MS });
    const pressed = Date.now();
    expect(harness.service.killSwitch('shortcut')).toEqual({ message: 'Kill switch: 1 account flattened and locked until 5:00 PM CT.' });
    // It waits for no answer: the lock is in force and the calls are on their way.
    expect(Date.now() - pressed).toBeLessThan(SLOW_MS / 3);
    expect(account().lockout).toMatchObject({
      kind: 'untilReset',
      ruleId: 'KILL-SWITCH',
      ruleTitle: 'Kill switch',
      untilText: '5:00 PM CT',
    });
    await eventually(() => {
      expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]);
      expect(harness!.sim.exchange.openOrders(DEMO_ACCOUNT)).toEqual([]);
    }, 3 * SLOW_MS);
    expect(harness.service.auditLog(10).find((e) => e.action === 'kill switch')).toMatchObject({
      actor: 'trader',
      detail: 'kill switch from the shortcut: PRAC-V2-RW-DEMO-50K flattened and locked until the daily reset',
    });

    applyFaults(harness.sim, { latencyMs: 0 });
    await harness.restart();
    expect(account().lockout).toMatchObject({ ruleId: 'KILL-SWITCH', kind: 'untilReset' });
    harness.sim.elevation.answer = 'approve';
    expect(await harness.service.requestUnlock(DEMO_ACCOUNT, 'desk approved')).toEqual({
      outcome: 'approved',
      message: 'Unlocked. The kill switch is lifted; every rule stays on.',
    });
    expect(account().lockout).toBeNull();
  });
});

describe("the kill switch's calls on a slow, busy gateway", () => {
  it('go out ahead of ordinary calls queued in the rate window, without waiting for them', async () => {
    const sim = await startSimulator({ randomWalk: false });
    // The gateway's own clock is never moved: calls held for the rate window stay held for the whole test.
    const gatewayClock = new FakeClock(Date.now());
    const listener = { onEvent() {}, onConnection() {}, onMarketData() {}, onSync() {}, onContract() {} };
    const gateway = new GatewayClient(
      { apiUrl: sim.url, rtcUrl: sim.url, username: 'rw', apiKey: 'key' },
      listener,
      silent,
      [],
      gatewayClock,
    );
    try {
      await gateway.connect(TUESDAY_2PM);
      const trader = await Trader.login(sim);
      sim.exchange.setPrice(MNQ, 21_000);
      await trader.buy(MNQ, 2);
      await trader.limitBuy(MNQ, 1, 20_000);
      const exposure = await gateway.openState(DEMO_ACCOUNT);
      expect(exposure.positions).toHaveLength(1);
      expect(exposure.orders).toHaveLength(1);
      const searchesBefore = sim.calls['Account/search'] ?? 0;

      applyFaults(sim, { latencyMs: SLOW_MS });
      // 250 ordinary reads overfill the gateway's window (200 calls in 60 s): those the window has
      // room for are answered, slowly; the rest wait for the window to move, which it does not here.
      let readsAnswered = 0;
      const reads = Array.from({ length: 250 }, () => gateway.api.searchAccounts().then(() => readsAnswered++));
      void Promise.allSettled(reads);
      await eventually(() => {
        expect(readsAnswered).toBeGreaterThan(0);
        expect(readsAnswered).toBe(sim.calls['Account/search']! - searchesBefore);
      }, 4 * SLOW_MS);
      const queued = 250 - readsAnswered;
      expect(queued).toBeGreaterThan(0);

      const { store } = openTestStore();
      const clock = new FakeClock(TUESDAY_2PM);
      const recorder = recorderOf(store);
      const calendar = { schedule: { timezone: 'America/Chicago', resetTime: '17:00' }, session: null };
      const lockouts = new Lockouts(store, recorder, () => calendar);
      const journal = { add() {} };
      const executor = new Executor({
        broker: gateway,
        recorder,
        clock,
        logger: silent,
        journal,
        contracts: new MarketBook(),
        mode: 'live',
      });
      const flatten = new FlattenAndLock({ lockouts, executor, recorder, journal, ruleTitle: () => null });
      const guarded = {
        id: DEMO_ACCOUNT,
        account: { name: 'PRAC' },
        positions: () => exposure.positions,
        workingOrders: () => exposure.orders,
      };
      const killSwitch = new KillSwitch({ flatten, accounts: () => [guarded], clock, changed: () => undefined });

      const pressed = Date.now();
      killSwitch.press('dashboard');
      await executor.idle();
      const took = Date.now() - pressed;

      // One slow answer, the close and the cancel side by side, none of the queued reads before them.
      expect(took).toBeGreaterThanOrEqual(SLOW_MS - 50);
      expect(took).toBeLessThan(2 * SLOW_MS);
      expect(sim.calls['Account/search']! - searchesBefore).toBe(250 - queued);
      expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]);
      expect(sim.exchange.openOrders(DEMO_ACCOUNT)).toEqual([]);
      expect(sim.calls['Position/closeContract']).toBe(1);
      expect(sim.calls['Order/cancel']).toBe(1);
      expect(readsAnswered).toBe(250 - queued);
      expect(lockouts.current(DEMO_ACCOUNT)).toMatchObject({ ruleId: 'KILL-SWITCH', kind: 'untilReset' });
    } finally {
      applyFaults(sim, { latencyMs: 0 });
      await gateway.stop();
      await sim.close();
    }
  });
});
