import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../src/shared/contract';
import type { Journal } from '../../../src/main/enforcement/journal';
import { ConnectionStatus } from '../../../src/main/service/connection-status';
import { FakeClock } from '../../helpers/fake-clock';

const T0 = Date.parse('2026-11-24T15:00:00Z');

function setup() {
  const clock = new FakeClock(T0);
  const entries: string[] = [];
  const journal: Journal = { add: (kind, accountId, title, detail) => entries.push(`${kind} ${accountId}: ${title} (${detail})`) };
  const errors: string[] = [];
  const logger = { debug() {}, info() {}, warn() {}, error: (message: string) => void errors.push(message) };
  let changes = 0;
  const status = new ConnectionStatus({ clock, journal, logger, onChange: () => void changes++ });
  return { clock, status, entries, errors, changes: () => changes };
}

describe('connection status', () => {
  it('shows "connecting" since the service started, with nothing in the timeline', () => {
    const { status, entries } = setup();
    expect(status.current).toEqual({ state: 'connecting', detail: null, since: '2026-11-24T15:00:00.000Z' });
    expect(entries).toEqual([]);
  });

  it('records a change in the timeline with the time it happened', async () => {
    const { status, entries, clock } = setup();
    await clock.advance(2500);
    status.report('live', null);
    expect(status.current).toEqual({ state: 'live', detail: null, since: '2026-11-24T15:00:02.500Z' });
    expect(entries).toEqual(['connection null: Connected to the broker (null)']);
  });

  it('records the same state and detail reported twice once, and keeps the time it began', async () => {
    const { status, entries, clock, changes } = setup();
    status.report('reconnecting', 'connection lost');
    await clock.advance(5000);
    status.report('reconnecting', 'connection lost');
    expect(entries).toEqual(['connection null: Connection to the broker lost: reconnecting (connection lost)']);
    expect(changes()).toBe(1);
    expect(status.current.since).toBe('2026-11-24T15:00:00.000Z');
  });

  it('records the same state again when its detail changes', () => {
    const { status, entries, changes } = setup();
    status.report('reconnecting', 'connection lost');
    status.report('reconnecting', 'connection closed');
    expect(entries).toEqual([
      'connection null: Connection to the broker lost: reconnecting (connection lost)',
      'connection null: Connection to the broker lost: reconnecting (connection closed)',
    ]);
    expect(changes()).toBe(2);
  });

  it('keeps "stale" when a hub reports live: only a quote proves the feed flows again', () => {
    const { status, entries, changes } = setup();
    status.set('stale', 'no quote for 15 s with positions open; restarting the market feed');
    status.report('live', null);
    expect(status.current.state).toBe('stale');
    expect(entries).toEqual([
      'connection null: Market data stopped: prices are not updating (no quote for 15 s with positions open; restarting the market feed)',
    ]);
    expect(changes()).toBe(1);
  });

  it('lets the quote path set "live" over "stale"', () => {
    const { status } = setup();
    status.set('stale', 'no quote for 15 s with positions open; restarting the market feed');
    status.set('live', 'quotes are flowing again');
    expect(status.current).toMatchObject({ state: 'live', detail: 'quotes are flowing again' });
  });

  it.each<[ConnectionState, string, string]>([
    ['failed', 'token rejected', 'Could not connect to the broker'],
    ['reconnecting', 'connection lost', 'Connection to the broker lost: reconnecting'],
    ['loggedOut', 'the gateway ended the session (GatewayLogout)', 'Logged out by the broker'],
  ])('shows "%s" reported while stale', (state, detail, title) => {
    const { status, entries } = setup();
    status.set('stale', 'no quote for 15 s with positions open; restarting the market feed');
    status.report(state, detail);
    expect(status.current).toMatchObject({ state, detail });
    expect(entries.at(-1)).toBe(`connection null: ${title} (${detail})`);
  });

  it.each<[ConnectionState, string]>([
    ['live', 'good'],
    ['reconnecting', 'warn'],
    ['stale', 'warn'],
    ['loggedOut', 'bad'],
    ['failed', 'bad'],
  ])('colours "%s" as %s news in the timeline', (state, tone) => {
    const tones: (string | undefined)[] = [];
    const clock = new FakeClock(T0);
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const journal: Journal = { add: (_kind, _accountId, _title, _detail, given) => void tones.push(given) };
    new ConnectionStatus({ clock, journal, logger, onChange() {} }).set(state, 'why');
    expect(tones).toEqual([tone]);
  });

  it('re-judges the accounts on every change and on no repeat', () => {
    const { status, changes } = setup();
    status.report('live', null);
    status.report('live', null);
    status.report('reconnecting', 'connection lost');
    status.report('live', null);
    status.set('stale', 'no quote for 15 s with positions open; restarting the market feed');
    status.report('live', null);
    status.report('loggedOut', 'the gateway ended the session (GatewayLogout)');
    expect(changes()).toBe(5);
  });

  it.each<[ConnectionState, boolean]>([
    ['connecting', false],
    ['live', false],
    ['reconnecting', false],
    ['stale', false],
    ['failed', false],
    ['loggedOut', true],
  ])('in "%s" the session counts as logged out: %s', (state, loggedOut) => {
    const { status } = setup();
    status.set(state, 'detail');
    expect(status.loggedOut).toBe(loggedOut);
  });

  it('logs an error when the gateway fails or logs the session out, and only then', () => {
    const { status, errors } = setup();
    status.report('reconnecting', 'connection lost');
    status.report('live', null);
    status.report('failed', 'token rejected');
    status.report('loggedOut', 'the gateway ended the session (GatewayLogout)');
    expect(errors).toEqual(['gateway failed: token rejected', 'gateway loggedOut: the gateway ended the session (GatewayLogout)']);
  });
});
