import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { startWebHost, type WebHost } from '../../src/main/web/web-host';
import { config, startHarness, tempDir, type Harness } from '../helpers/harness';
import { MNQ, Trader } from '../helpers/trader';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
let harness: Harness;
let host: WebHost;

beforeEach(async () => {
  harness = await startHarness({ config: config({ max_contracts: { limit: 5 } }) });
  const renderer = tempDir('rw-renderer-');
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Risk Warden</title>');
  host = await startWebHost(
    { service: harness.service, settings: commandLineSettings({ gateway: null, configFile: null, dataDir: harness.dataDir }) },
    renderer,
    0,
    silent,
  );
});
afterEach(async () => {
  await host.close();
  await harness.close();
});

function rpc(url: string): Promise<{ socket: WebSocket; request(frame: unknown): Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const waiting: ((frame: unknown) => void)[] = [];
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { event?: string };
      if (!frame.event) waiting.shift()?.(frame);
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        socket,
        request: (frame) =>
          new Promise((done) => {
            waiting.push(done);
            socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
          }),
      }),
    );
  });
}

const base = () => `http://127.0.0.1:${host.port}`;
const wsUrl = (token: string) => `ws://127.0.0.1:${host.port}/rpc?token=${token}`;

describe('web host', () => {
  it('answers /status.json with the dashboard snapshot, only with the token', async () => {
    expect((await fetch(`${base()}/status.json`)).status).toBe(401);
    expect((await fetch(`${base()}/status.json?token=${'0'.repeat(host.token.length)}`)).status).toBe(401);
    const response = await fetch(`${base()}/status.json?token=${host.token}`);
    const snapshot = (await response.json()) as { accounts: { rules: { ruleId: string }[] }[]; connection: { state: string } };
    expect(snapshot.connection.state).toBe('live');
    expect(snapshot.accounts[0]!.rules.map((r) => r.ruleId)).toEqual(['RULE-001']);
  });

  it('serves the dashboard with a strict content security policy and nothing outside it', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect((await fetch(`${base()}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${base()}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses the RPC socket without the token', async () => {
    await expect(rpc(wsUrl('wrong'))).rejects.toThrow(/401/);
  });

  it('carries the contract: getSnapshot answers, bad calls are refused without crashing', async () => {
    const { socket, request } = await rpc(wsUrl(host.token));
    expect(await request({ id: 1, method: 'getSnapshot', params: {} })).toMatchObject({ id: 1, ok: true, result: { mode: 'demo' } });
    expect(await request({ id: 2, method: 'deleteEverything', params: {} })).toEqual({
      id: 2,
      ok: false,
      error: 'unknown method "deleteEverything"',
    });
    expect(await request({ id: 3, method: 'getSnapshot', params: { extra: true } })).toMatchObject({
      id: 3,
      ok: false,
      error: expect.stringContaining('getSnapshot: invalid params'),
    });
    expect(await request({ id: 4, method: '__proto__', params: {} })).toMatchObject({ id: 4, ok: false });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.send('not json');
    expect(await closed).toBe(1003);
    const again = await rpc(wsUrl(host.token));
    expect(await again.request({ id: 5, method: 'getSnapshot', params: {} })).toMatchObject({ ok: true });
    again.socket.close();
  });

  it('pushes snapshots as the account changes', async () => {
    const socket = new WebSocket(wsUrl(host.token));
    const pushed = new Promise<unknown>((resolve) => socket.on('message', (data) => resolve(JSON.parse(data.toString()))));
    await new Promise((resolve) => socket.on('open', resolve));
    await (await Trader.login(harness.sim)).buy(MNQ, 1);
    expect(await pushed).toMatchObject({ event: 'snapshot', payload: { mode: 'demo' } });
    socket.close();
  });
});
