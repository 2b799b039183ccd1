/**
 * The gateway client's own watch over its hubs, against the simulator in the live wire format, its timers on a
 * fake clock: a failed re-subscribe tried again with backoff and shown, a dead user feed found while flat, a
 * market hub tried again on its own schedule, and an error of the service's own never passed off as a bad message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src/shared/contract';
import type { GatewayEvent } from '../../src/shared/domain';
import type { AccountSync } from '../../src/main/engine/account-state';
import { GatewayClient } from '../../src/main/gateway/gateway-client';
import { MARKET_RETRY_MS, RESUBSCRIBE_RETRY_MS } from '../../src/main/gateway/realtime';
import { USER_FEED_BEAT_MS } from '../../src/main/gateway/user-feed-watch';
import type { Logger } from '../../src/main/log';
import { applyFaults, startSimulator, type Simulator, type SimulatorOptions } from '../../src/main/sim/simulator';
import { FakeClock } from '../helpers/fake-clock';
import { eventually } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, MNQ, Trader } from '../helpers/trader';

let sim: Simulator | undefined;
let gateway: GatewayClient | undefined;
afterEach(async () => {
  await gateway?.stop();
  await sim?.close();
  gateway = undefined;
  sim = undefined;
});

/** A connected client whose listener and log are recorded; `onEvent` can be made to fail like a broken store. */
async function connected(options: SimulatorOptions = {}, onEvent: (event: GatewayEvent) => void = () => undefined) {
  sim = await startSimulator({ randomWalk: false, wireFormat: 'live', ...options });
  const clock = new FakeClock(Date.now());
  const states: [ConnectionState, string | null][] = [];
  const market: (string | null)[] = [];
  const syncs: AccountSync[][] = [];
  const events: GatewayEvent[] = [];
  const log: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (m) => log.push(`info ${m}`),
    warn: (m) => log.push(`warn ${m}`),
    error: (m) => log.push(`error ${m}`),
  };
  gateway = new GatewayClient(
    { apiUrl: sim.url, rtcUrl: sim.url, username: 'risk-warden', apiKey: 'key' },
    {
      onEvent: (event) => {
        events.push(event);
        onEvent(event);
      },
      onConnection: (state, detail) => states.push([state, detail]),
      onSync: (s) => syncs.push(s),
      onContract: () => undefined,
      onMarketData: (reason) => market.push(reason),
    },
    logger,
    [],
    clock,
  );
  await gateway.connect(clock.now() - 3_600_000);
  return { sim, clock, states, market, syncs, events, log };
}

const lastState = (states: [ConnectionState, string | null][]) => states.at(-1);

describe('a re-subscribe on the user hub that fails', () => {
  it('is shown and tried again with backoff until it goes through; then the gap is reconciled', async () => {
    const { sim, clock, states, syncs } = await connected();
    applyFaults(sim, { failUserSubscribes: 2 });
    sim.hubs.dropAll('user');
    await eventually(() =>
      expect(lastState(states)).toEqual([
        'reconnecting',
        expect.stringMatching(/^re-subscribing on the user hub failed \(.*\); trying again in 1 s$/),
      ]),
    );
    expect(sim.hubs.listeners()).not.toContain(`user trades ${DEMO_ACCOUNT}`);
    const reconciles = syncs.length;

    await clock.advance(RESUBSCRIBE_RETRY_MS[0]!);
    await eventually(() => expect(lastState(states)?.[1]).toMatch(/trying again in 2 s$/));
    await clock.advance(RESUBSCRIBE_RETRY_MS[1]!);
    await eventually(() => expect(lastState(states)).toEqual(['live', null]));
    expect(sim.hubs.listeners()).toContain(`user trades ${DEMO_ACCOUNT}`);
    await eventually(() => expect(syncs.length).toBeGreaterThan(reconciles));
  });
});

describe('a user feed that goes dead while flat', () => {
  it('is found by the Account/search heartbeat, restarted, and what it missed comes in by reconcile', async () => {
    const { sim, clock, states, syncs, log } = await connected();
    const trader = await Trader.login(sim);
    await clock.advance(USER_FEED_BEAT_MS); // all quiet: a silent hub while flat is no dead hub
    await eventually(() => expect(sim.calls['Account/search']).toBe(2));
    expect(states.some(([state]) => state === 'reconnecting')).toBe(false);

    applyFaults(sim, { forgetUserSubscriptions: true }); // the sockets stay up, the pings flow, no event comes
    await trader.roundTrip(sim, ES, 6000, 5996); // flat again: −200 gross, 2.80 fees, none of it delivered
    // Beat after beat (one difference may be a message in flight, so it takes two running).
    await eventually(async () => {
      await clock.advance(USER_FEED_BEAT_MS);
      expect(states).toContainEqual([
        'reconnecting',
        'the user hub stopped delivering (account 7001: REST has balance 49797.20, the hub last said balance 50000.00); restarting it',
      ]);
    }, 10_000);
    expect(sim.calls['Account/search']).toBeGreaterThanOrEqual(4);
    await eventually(() => expect(sim.hubs.listeners()).toContain(`user trades ${DEMO_ACCOUNT}`));
    await eventually(() => expect(syncs.at(-1)?.[0]?.fills.map((f) => f.profitAndLoss)).toEqual([null, -200]));
    expect(lastState(states)).toEqual(['live', null]);
    expect(log.some((line) => line.startsWith('warn the user hub stopped delivering'))).toBe(true);
  });
});

describe('a user hub that will not start again after a restart', () => {
  it('is shown and tried again with backoff until it starts; then it re-subscribes and reconciles', async () => {
    const { sim, clock, states, syncs } = await connected();
    const trader = await Trader.login(sim);
    applyFaults(sim, { forgetUserSubscriptions: true, userHub: false });
    await trader.buy(MNQ, 1); // not delivered: the feed is dead, and the hub will refuse the restart
    await eventually(async () => {
      await clock.advance(USER_FEED_BEAT_MS);
      expect(lastState(states)).toEqual([
        'reconnecting',
        expect.stringMatching(/^the user hub could not be started again \(.*\); trying again in \d+ s$/),
      ]);
    }, 10_000);
    const reconciles = syncs.length;
    applyFaults(sim, { userHub: true });
    await clock.advance(RESUBSCRIBE_RETRY_MS.at(-1)!);
    await eventually(() => expect(sim.hubs.listeners()).toContain(`user trades ${DEMO_ACCOUNT}`));
    await eventually(() => expect(syncs.length).toBeGreaterThan(reconciles));
    expect(syncs.at(-1)?.[0]?.positions.map((p) => [p.contractId, p.size])).toEqual([[MNQ, 1]]);
    await eventually(() => expect(lastState(states)).toEqual(['live', null]));
  });
});

describe('a market hub that refuses the login', () => {
  it('is reported at connect and tried again on its own schedule, without a user-hub reconnect', async () => {
    const { sim, clock, market, events } = await connected({ marketData: false });
    expect(market).toEqual(['the market hub refused this login (401)']);
    const trader = await Trader.login(sim);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(events.some((e) => e.type === 'position')).toBe(true));

    await clock.advance(MARKET_RETRY_MS[0]!);
    await eventually(() => expect(market).toEqual(['the market hub refused this login (401)', 'the market hub refused this login (401)']));
    applyFaults(sim, { marketData: true });
    await clock.advance(MARKET_RETRY_MS[1]!);
    await eventually(() => expect(market.at(-1)).toBeNull());
    await eventually(() => expect(events.some((e) => e.type === 'quote' && e.quote.contractId === MNQ)).toBe(true));
  });
});

describe('an error of the service handling an event', () => {
  it('is logged as what it is, not as a malformed hub message, and the next events still come', async () => {
    const failing = (event: GatewayEvent) => {
      if (event.type === 'fill') throw new Error('SQLITE_IOERR: disk I/O error');
    };
    const { sim, log, events } = await connected({}, failing);
    const trader = await Trader.login(sim);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(events.filter((e) => e.type === 'account')).toHaveLength(1));
    expect(log.filter((line) => line.includes('malformed'))).toEqual([]);
    expect(log.find((line) => line.startsWith('error handling a GatewayUserTrade fill event failed'))).toMatch(
      /SQLITE_IOERR: disk I\/O error/,
    );
  });
});
