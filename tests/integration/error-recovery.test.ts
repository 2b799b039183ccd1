/** The real client against a flaky simulator: every fault ends with the account where the rules want it. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logToDirectory } from '../../src/main/log';
import { PRIVATE_FILE_MODE } from '../../src/main/store/data-folder';
import { applyFaults } from '../../src/main/sim/simulator';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, MES, MNQ, NQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;
const lossLimit = config({ daily_realized_loss: { limit: -500 } });

describe.each([500, 429] as const)('an HTTP %i storm during a flatten', (status) => {
  it('retries until the account is flat', async () => {
    harness = await startHarness({ config: lossLimit });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 2);
    await trader.buy(MES, 1);
    applyFaults(harness.sim, { rest: { status, count: 4, endpoints: ['Position/closeContract'] } });
    await trader.roundTrip(harness.sim, ES, 6000, 5988); // −600: flatten
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    expect(harness.sim.calls['Position/closeContract']).toBeGreaterThanOrEqual(4 + 2);
    expect(account().lockout?.kind).toBe('untilReset');
  });
});

describe('a permanent failure', () => {
  it('is recorded and shown, and Risk Warden keeps running and acts on the next breach', async () => {
    harness = await startHarness({ config: config({ max_contracts: { limit: 1 } }) });
    const trader = await Trader.login(harness.sim);
    applyFaults(harness.sim, { rest: { status: 500, count: 6, endpoints: ['Position/closeContract'] } });
    await trader.buy(MNQ, 2);
    await eventually(() =>
      expect(harness!.service.snapshot().timeline.map((e) => e.title)).toContain('Could not close MNQ (2 contracts): max contracts'),
    );
    await harness.service.settled();
    await trader.buy(NQ, 2); // a later event: the close is tried again and now goes through
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT).map((p) => p.contractId)).not.toContain(NQ));
    expect(harness.service.snapshot().connection.state).toBe('live');
  });
});

describe('an ambiguous failure (the gateway acted, the reply was lost)', () => {
  it('re-reads the position before trimming again, so the excess is trimmed once', async () => {
    harness = await startHarness({
      config: config({ max_contracts_per_instrument: { default_limit: 3, instrument_limits: { MNQ: 2 }, action: 'reduce_to_limit' } }),
    });
    const trader = await Trader.login(harness.sim);
    applyFaults(harness.sim, { rest: { status: 500, count: 1, endpoints: ['Position/partialCloseContract'], afterProcessing: true } });
    await trader.buy(MNQ, 5);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT).map((p) => p.size)).toEqual([2]));
    await harness.service.settled();
    expect(harness.sim.exchange.openPositions(DEMO_ACCOUNT).map((p) => p.size)).toEqual([2]);
    expect(harness.sim.calls['Position/partialCloseContract']).toBe(1);
  });
});

describe('a reconcile that fails', () => {
  it('is tried again until it succeeds, so a fill made during the gap is not lost', async () => {
    harness = await startHarness({ config: config({}) });
    const trader = await Trader.login(harness.sim);
    applyFaults(harness.sim, { rest: { status: 500, count: 3, endpoints: ['Trade/search'] }, dropSockets: true });
    await trader.roundTrip(harness.sim, ES, 6000, 5996); // −200 gross, 2.80 fees, made while the hubs are down
    await eventually(() => expect(account().pnl.realized).toBe(-202.8), 10_000);
    expect(harness.sim.calls['Trade/search']).toBeGreaterThanOrEqual(1 + 3 + 1);
  });
});

describe('token expiry mid-session', () => {
  it('logs in again and enforces without a gap, on REST and across a hub reconnect', async () => {
    harness = await startHarness({ config: config({ max_contracts: { limit: 5 } }) });
    applyFaults(harness.sim, { expireTokens: true });
    const platform = await Trader.login(harness.sim); // the trader's platform logs in again; Risk Warden's token is dead
    await platform.buy(MNQ, 6);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    applyFaults(harness.sim, { expireTokens: true, dropSockets: true });
    const again = await Trader.login(harness.sim);
    await again.buy(NQ, 6); // made while the hubs are down and the token is dead
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]), 15_000);
    await eventually(() => expect(harness!.service.snapshot().connection.state).toBe('live'), 15_000);
    expect(harness.sim.calls['Auth/loginKey']).toBeGreaterThanOrEqual(2 + 2); // two platform logins, two renewals
  });
});

describe('a silent market feed', () => {
  it('is detected within the configured time, shown as data stale, and the feed restarted', async () => {
    const clock = new FakeClock(Date.now());
    harness = await startHarness({
      config: config({ daily_unrealized_loss: { limit: -300 } }, { market_data: { stale_after_seconds: 5 } }),
      clock,
    });
    const trader = await Trader.login(harness.sim);
    await trader.buy(ES, 1);
    await eventually(() => expect(account().positions).toHaveLength(1));
    applyFaults(harness.sim, { pauseMarket: true });
    await clock.advance(4000);
    expect(harness.service.snapshot().connection.state).toBe('live');
    await clock.advance(2000);
    expect(harness.service.snapshot().connection).toMatchObject({
      state: 'stale',
      detail: expect.stringContaining('restarting the market feed'),
    });
    applyFaults(harness.sim, { pauseMarket: false });
    // Quotes keep coming in a live market; the first may beat the restarted hub's subscription.
    await eventually(() => {
      harness!.sim.exchange.setPrice(ES, 5993); // −350 open: the restarted feed still drives the rules
      expect(harness!.service.snapshot().connection.state).toBe('live');
    });
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
  });
});

describe('GatewayLogout', () => {
  it('shows the session logged out and makes no gateway call while it lasts', async () => {
    harness = await startHarness({ config: config({ auth_loss_guard: { enabled: true }, max_contracts: { limit: 1 } }) });
    const trader = await Trader.login(harness.sim);
    applyFaults(harness.sim, { logout: true });
    await eventually(() => expect(harness!.service.snapshot().connection.state).toBe('loggedOut'));
    await trader.buy(MNQ, 2);
    await eventually(() => expect(account().positions).toHaveLength(1));
    await harness.service.settled();
    expect(harness.sim.calls['Position/closeContract']).toBeUndefined();
    expect(account().rules.find((r) => r.ruleId === 'RULE-010')?.state).toBe('breached');
  });
});

describe('a malformed hub message', () => {
  it('is logged and skipped; the next message is applied and enforcement goes on', async () => {
    harness = await startHarness({ config: config({ max_contracts: { limit: 5 } }) });
    logToDirectory(harness.dataDir, PRIVATE_FILE_MODE);
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 2);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([2]));
    harness.sim.hubs.publishUser('positions', DEMO_ACCOUNT, 'GatewayUserPosition', { id: 'not-a-number', size: 'lots' });
    harness.sim.hubs.publishQuote(MNQ, { lastPrice: 'twenty-one thousand' });
    await trader.buy(MNQ, 4);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    await eventually(() =>
      expect(fs.readFileSync(path.join(harness!.dataDir, 'riskwarden.log'), 'utf8')).toMatch(
        /skipped a malformed hub message: .*GatewayUserPosition/,
      ),
    );
    expect(harness.service.snapshot().connection.state).toBe('live');
  });
});
