import { describe, expect, it } from 'vitest';
import type { Journal } from '../../../src/main/enforcement/journal';
import { ConnectionStatus } from '../../../src/main/service/connection-status';
import { FeedWatchdog } from '../../../src/main/service/feed-watchdog';
import { FakeClock, flushMicrotasks } from '../../helpers/fake-clock';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const STALE_DETAIL = 'no quote for 15 s with positions open; restarting the market feed';

/** The market hub's restart is the process boundary: each call returns a promise the test settles. */
class FakeFeed {
  readonly restarts: { resolve(): void; reject(error: Error): void }[] = [];

  restart = (): Promise<void> =>
    new Promise((resolve, reject) => {
      this.restarts.push({ resolve, reject });
    });
}

function setup() {
  const clock = new FakeClock(T0);
  const entries: string[] = [];
  const journal: Journal = { add: (_kind, _accountId, title, detail) => entries.push(`${title} (${detail})`) };
  const errors: string[] = [];
  const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => void errors.push(message) };
  const connection = new ConnectionStatus({ clock, journal, logger, onChange() {} });
  connection.report('live', null);
  const feed = new FakeFeed();
  let staleAfterMs = 15_000;
  let refused = false;
  const watchdog = new FeedWatchdog({
    clock,
    connection,
    logger,
    restartFeed: feed.restart,
    staleAfterMs: () => staleAfterMs,
    quotesRefused: () => refused,
  });
  // The last quote came at T0.
  watchdog.quoteSeen();
  entries.length = 0;
  return {
    clock,
    connection,
    feed,
    watchdog,
    entries,
    errors,
    setStaleAfter: (ms: number) => (staleAfterMs = ms),
    refuseQuotes: () => (refused = true),
  };
}

describe('feed watchdog', () => {
  it('gives the feed its chance at start: with positions open before any quote, the silence counts from the first check', () => {
    const clock = new FakeClock(T0);
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const connection = new ConnectionStatus({ clock, journal: { add() {} }, logger, onChange() {} });
    connection.report('live', null);
    const feed = new FakeFeed();
    const watchdog = new FeedWatchdog({
      clock,
      connection,
      logger,
      restartFeed: feed.restart,
      staleAfterMs: () => 15_000,
      quotesRefused: () => false,
    });
    watchdog.check(T0, true);
    watchdog.check(T0 + 14_999, true);
    expect(feed.restarts).toHaveLength(0);
    expect(connection.current.state).toBe('live');
    watchdog.check(T0 + 15_000, true);
    expect(feed.restarts).toHaveLength(1);
  });

  it('never calls the feed stale with no positions open, however long it is silent', () => {
    const { watchdog, connection, feed, entries } = setup();
    watchdog.check(T0 + 15_000, false);
    watchdog.check(T0 + 3_600_000, false);
    expect(connection.current.state).toBe('live');
    expect(feed.restarts).toHaveLength(0);
    expect(entries).toEqual([]);
  });

  it('keeps the feed live with positions open while the silence is shorter than stale_after', () => {
    const { watchdog, connection, feed } = setup();
    watchdog.check(T0 + 14_999, true);
    expect(connection.current.state).toBe('live');
    expect(feed.restarts).toHaveLength(0);
  });

  it('shows "stale" and restarts the feed once the silence with positions open reaches stale_after', () => {
    const { watchdog, connection, feed, entries } = setup();
    watchdog.check(T0 + 15_000, true);
    expect(connection.current).toMatchObject({ state: 'stale', detail: STALE_DETAIL });
    expect(entries).toEqual([`Market data stopped: prices are not updating (${STALE_DETAIL})`]);
    expect(feed.restarts).toHaveLength(1);
  });

  it.each([
    [15_400, 'no quote for 15 s'],
    [20_600, 'no quote for 21 s'],
  ])('after %i ms of silence says "%s"', (silentMs, words) => {
    const { watchdog, connection } = setup();
    watchdog.check(T0 + silentMs, true);
    expect(connection.current.detail).toBe(`${words} with positions open; restarting the market feed`);
  });

  it('restarts the feed once at a time, however often it is checked while the restart is pending', () => {
    const { watchdog, feed } = setup();
    for (let s = 15; s <= 120; s++) watchdog.check(T0 + s * 1000, true);
    expect(feed.restarts).toHaveLength(1);
  });

  it('restarts again when the feed stays silent for stale_after after a restart, without a second timeline entry', async () => {
    const { watchdog, feed, entries } = setup();
    watchdog.check(T0 + 15_000, true);
    feed.restarts[0]!.resolve();
    await flushMicrotasks();
    watchdog.check(T0 + 29_999, true);
    expect(feed.restarts).toHaveLength(1);
    watchdog.check(T0 + 30_000, true);
    expect(feed.restarts).toHaveLength(2);
    expect(entries).toEqual([`Market data stopped: prices are not updating (${STALE_DETAIL})`]);
  });

  it('shows "live" again when a quote comes while stale', () => {
    const { watchdog, connection, entries, clock } = setup();
    watchdog.check(T0 + 15_000, true);
    clock.set(T0 + 16_000);
    watchdog.quoteSeen();
    expect(connection.current).toEqual({ state: 'live', detail: 'quotes are flowing again', since: '2026-11-24T15:00:16.000Z' });
    expect(entries.at(-1)).toBe('Connected to the broker (quotes are flowing again)');
  });

  it('leaves the connection alone when a quote comes while it is not stale', () => {
    const { watchdog, connection, entries } = setup();
    connection.report('reconnecting', 'connection lost');
    watchdog.quoteSeen();
    expect(connection.current).toMatchObject({ state: 'reconnecting', detail: 'connection lost' });
    expect(entries).toEqual(['Connection to the broker lost: reconnecting (connection lost)']);
  });

  it('judges the silence from the last quote: a quote restarts the silence clock', () => {
    const { watchdog, connection, clock } = setup();
    clock.set(T0 + 10_000);
    watchdog.quoteSeen();
    watchdog.check(T0 + 24_999, true);
    expect(connection.current.state).toBe('live');
    watchdog.check(T0 + 25_000, true);
    expect(connection.current.state).toBe('stale');
  });

  it('does not judge a new position by a quote older than itself: a position change restarts the silence clock', () => {
    const { watchdog, connection, feed, clock } = setup();
    clock.set(T0 + 10_000);
    watchdog.positionChanged();
    watchdog.check(T0 + 15_000, true);
    watchdog.check(T0 + 24_999, true);
    expect(connection.current.state).toBe('live');
    expect(feed.restarts).toHaveLength(0);
    watchdog.check(T0 + 25_000, true);
    expect(connection.current).toMatchObject({ state: 'stale', detail: STALE_DETAIL });
    expect(feed.restarts).toHaveLength(1);
  });

  it('reads stale_after from the config in force at each check', () => {
    const { watchdog, connection, setStaleAfter } = setup();
    setStaleAfter(30_000);
    watchdog.check(T0 + 15_000, true);
    expect(connection.current.state).toBe('live');
    watchdog.check(T0 + 30_000, true);
    expect(connection.current.detail).toBe('no quote for 30 s with positions open; restarting the market feed');
  });

  it('logs a failed restart and restarts again after the next silence', async () => {
    const { watchdog, feed, errors, connection } = setup();
    watchdog.check(T0 + 15_000, true);
    feed.restarts[0]!.reject(new Error('market hub refused the connection'));
    await flushMicrotasks();
    expect(errors).toEqual(['market feed restart failed: market hub refused the connection']);
    expect(connection.current.state).toBe('stale');
    watchdog.check(T0 + 30_000, true);
    expect(feed.restarts).toHaveLength(2);
  });

  it('neither calls a login refused market data stale nor restarts the feed: the silence is expected and already shown', () => {
    const { watchdog, feed, connection, refuseQuotes } = setup();
    refuseQuotes();
    watchdog.check(T0 + 60_000, true);
    expect(feed.restarts).toHaveLength(0);
    expect(connection.current.state).toBe('live');
  });
});
