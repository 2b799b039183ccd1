/**
 * Probes of the web host as any local process (or a web page) could send them: raw bytes over TCP,
 * since fetch and ws normalise what they send. The host runs the real service in demo mode in a
 * process of its own, so a probe that ends it shows as an exit; after the probes it must still
 * answer and still close a breach.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ProjectXApi } from '../../src/main/gateway/projectx-api';
import { RestClient } from '../../src/main/gateway/rest-client';
import { OrderSide, OrderType } from '../../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../src/main/sim/contracts';
import { eventually } from '../helpers/harness';

const FIXTURE = fileURLToPath(new URL('./web-host-process.ts', import.meta.url));
const MAX_SOCKETS = 32;
const MAX_CONNECTIONS = 128;

interface Host {
  child: ChildProcess;
  port: number;
  token: string;
  simUrl: string;
  logs: { level: string; message: string }[];
  alive(): boolean;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Resolves with the first warning or error logged from now on that matches. */
  nextLog(pattern: RegExp): Promise<string>;
}

async function startHost(): Promise<Host> {
  const child = fork(FIXTURE, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, RW_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const logs: Host['logs'] = [];
  const logWaiters: { pattern: RegExp; resolve: (message: string) => void }[] = [];
  child.on('message', (message: { log?: { level: string; message: string } }) => {
    if (!message.log) return;
    logs.push(message.log);
    for (const waiter of logWaiters.filter((w) => w.pattern.test(message.log!.message))) {
      logWaiters.splice(logWaiters.indexOf(waiter), 1);
      waiter.resolve(message.log.message);
    }
  });
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the web host exited with ${String(code)} before it was ready`))),
  ])) as [{ ready: { port: number; token: string; simUrl: string } }];
  return {
    child,
    ...ready.ready,
    logs,
    alive: () => child.exitCode === null && child.signalCode === null,
    async memory() {
      child.send('memory');
      for (;;) {
        const [message] = (await once(child, 'message')) as [{ memory?: NodeJS.MemoryUsage }];
        if (message.memory) return message.memory;
      }
    },
    nextLog: (pattern) => new Promise((resolve) => logWaiters.push({ pattern, resolve })),
  };
}

async function stopHost(host: Host): Promise<void> {
  if (!host.alive()) return;
  const exited = once(host.child, 'exit');
  host.child.send('stop');
  await exited;
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `request` byte for byte and reads the answer until the host closes the connection (every
 * probe asks for that, or is a refused upgrade); null if the connection died unanswered. A 101
 * answer resolves at once.
 */
function raw(port: number, request: string | Buffer): Promise<RawResponse | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const parsed = (): RawResponse | null => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return null;
      const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      return { status: Number(statusLine!.split(' ')[1]), headers, body: received.subarray(end + 4).toString('utf8') };
    };
    const timer = setTimeout(() => {
      socket.destroy();
      const answer = received.toString('latin1');
      reject(new Error(answer ? `the host answered but kept the connection open: ${JSON.stringify(answer)}` : 'no answer within 5 s'));
    }, 5_000);
    const finish = (response: RawResponse | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(response);
    };
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (parsed()?.status === 101) finish(parsed());
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(parsed()));
    socket.write(request);
  });
}

const get = (target: string, headers: Record<string, string>) =>
  `GET ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}Connection: close\r\n\r\n`;

const upgradeHeaders = () => ({
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
});

function upgradeRequest(target: string, headers: Record<string, string>): string {
  const lines = { ...upgradeHeaders(), ...headers };
  return `GET ${target} HTTP/1.1\r\n${Object.entries(lines)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}Connection: Upgrade\r\n\r\n`;
}

/** A client → server WebSocket text frame (masked, as RFC 6455 requires of clients). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  let head: Buffer;
  if (length < 126) head = Buffer.from([0x81, 0x80 | length]);
  else if (length < 65536) head = Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
  else throw new Error('frame too large for this helper');
  return Buffer.concat([head, mask, payload.map((byte, i) => byte ^ mask[i % 4]!)]);
}

function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ.id;
const ACCOUNT = DEMO_ACCOUNTS[0]!.id;

async function simPositions(host: Host): Promise<{ size: number }[]> {
  const state = (await (await fetch(`${host.simUrl}/sim/state`)).json()) as { positions: { size: number }[] };
  return state.positions;
}

/** A trader buys 6 MNQ over max_contracts 5; resolves with the milliseconds until the position is flat. */
async function breachIsClosed(host: Host): Promise<number> {
  const api = new ProjectXApi(new RestClient({ baseUrl: host.simUrl }));
  await api.loginKey('trader', 'platform-key');
  const started = performance.now();
  await api.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 6 });
  await eventually(async () => expect(await simPositions(host)).toEqual([]), 10_000);
  return performance.now() - started;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

let host: Host;

beforeEach(async () => {
  // A probe that ended the process leaves the next one a fresh host, so each probe counts on its own.
  if (!host?.alive()) host = await startHost();
}, 30_000);
afterAll(async () => {
  if (host) await stopHost(host);
});

const ALLOWED = () => ({ Host: `127.0.0.1:${host.port}` });

/** The request targets that ended the hand-written host (URIError from decodeURIComponent, TypeError from new URL). */
const TARGETS = ['/%', '/%E0%A4%A', '/status.json%', '//[', 'http://a:99999/', 'http://[::1'];

describe('the web host under malformed requests', () => {
  it.each(TARGETS)('answers GET %s with a 4xx and a plain message, and stays up', async (target) => {
    const response = await raw(host.port, get(target, ALLOWED()));
    expect(response, 'the host answered nothing (did the process end?)').not.toBeNull();
    expect(response!.status).toBeGreaterThanOrEqual(400);
    expect(response!.status).toBeLessThan(500);
    expect(response!.headers['content-type']).toMatch(/^text\/plain/);
    expect(response!.body.length).toBeGreaterThan(0);
    expect(host.alive()).toBe(true);
  });

  it.each(TARGETS)('answers a WebSocket upgrade to %s with a 4xx, and stays up', async (target) => {
    const response = await raw(host.port, upgradeRequest(target, ALLOWED()));
    expect(response, 'the host answered nothing (did the process end?)').not.toBeNull();
    expect(response!.status).toBeGreaterThanOrEqual(400);
    expect(response!.status).toBeLessThan(500);
    expect(host.alive()).toBe(true);
  });

  it('answers a token that is not valid percent-encoding with 401', async () => {
    const response = await raw(host.port, get('/status.json?token=%E0%A4%A', ALLOWED()));
    expect(response?.status).toBe(401);
    expect(host.alive()).toBe(true);
  });

  it('refuses a body over the size limit with 413', async () => {
    const body = JSON.stringify({ advanceMs: 1, padding: 'x'.repeat(1024 * 1024) });
    const response = await raw(
      host.port,
      `POST /test/clock?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(response?.status).toBe(413);
    expect(response?.body).toMatch(/too large/i);
    expect(host.alive()).toBe(true);
  });

  it('does not follow a symlink out of the renderer folder', async () => {
    const response = await raw(host.port, get('/linked.txt', ALLOWED()));
    expect(response?.status).toBe(404);
    expect(response?.body).not.toContain('outside the renderer folder');
  });

  it('serves the renderer with the content type of each file', async () => {
    const script = await raw(host.port, get('/app.js', ALLOWED()));
    expect(script?.status).toBe(200);
    expect(script?.headers['content-type']).toMatch(/^(text|application)\/javascript; charset=utf-8$/);
    const page = await raw(host.port, get(`/?token=${host.token}`, ALLOWED()));
    expect(page?.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('still answers /status.json and still closes a breach after every probe', async () => {
    const status = await fetch(`http://127.0.0.1:${host.port}/status.json?token=${host.token}`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { mode: string }).mode).toBe('demo');
    expect(await breachIsClosed(host)).toBeLessThan(10_000);
  });
});

describe('the web host refuses other sites and other names', () => {
  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1.evil.example:PORT', '127.0.0.1:1', ''])(
    'refuses Host: "%s" with 403',
    async (name) => {
      const response = await raw(host.port, get(`/status.json?token=${host.token}`, { Host: name.replace('PORT', String(host.port)) }));
      expect(response?.status).toBe(403);
      expect(response?.body).toMatch(/host/i);
    },
  );

  it.each([['127.0.0.1'], ['localhost'], ['[::1]']])('accepts Host: %s with the port', async (name) => {
    const response = await raw(host.port, get(`/status.json?token=${host.token}`, { Host: `${name}:${host.port}` }));
    expect(response?.status).toBe(200);
  });

  it('refuses a WebSocket upgrade with a foreign Host', async () => {
    const response = await raw(host.port, upgradeRequest(`/rpc?token=${host.token}`, { Host: 'evil.example' }));
    expect(response?.status).toBe(403);
  });

  it('refuses a WebSocket upgrade from a foreign Origin, with the right token', async () => {
    const response = await raw(host.port, upgradeRequest(`/rpc?token=${host.token}`, { ...ALLOWED(), Origin: 'http://evil.example' }));
    expect(response?.status).toBe(403);
    expect(response?.body).toMatch(/origin/i);
  });

  it('accepts the dashboard own Origin', async () => {
    const response = await raw(
      host.port,
      upgradeRequest(`/rpc?token=${host.token}`, { ...ALLOWED(), Origin: `http://127.0.0.1:${host.port}` }),
    );
    expect(response?.status).toBe(101);
  });
});

describe('the web host under socket abuse', () => {
  it('closes a dashboard socket that never reads, with memory bounded, and keeps enforcing', async () => {
    const before = await host.memory();
    const socket = net.connect(host.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(upgradeRequest(`/rpc?token=${host.token}`, ALLOWED()));
    const [handshake] = (await once(socket, 'data')) as [Buffer];
    expect(handshake.toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
    socket.pause();
    // The host drops it with a reset: wait for 'close', which (unlike events.once) an 'error' does not reject.
    const closed = new Promise((resolve) => socket.once('close', resolve));

    const dropped = host.nextLog(/stopped reading/);
    let done = false;
    void dropped.then(() => (done = true));
    const batch = Buffer.concat(
      Array.from({ length: 200 }, (_, i) => textFrame(JSON.stringify({ id: i, method: 'getSnapshot', params: {} }))),
    );
    // Ask for snapshots and read none of the answers, until the host drops the socket (or 200,000 asks).
    for (let i = 0; i < 1000 && !done && !socket.destroyed; i++) {
      if (!socket.write(batch)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), dropped, closed]);
      else await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await within(dropped, 5_000, 'the host never dropped the socket')).toMatch(/stopped reading/);
    socket.resume();
    await closed;
    const after = await host.memory();
    console.log(
      `never-reading client: rss ${mb(before.rss)} → ${mb(after.rss)} MB, heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB`,
    );
    expect(after.rss - before.rss).toBeLessThan(100 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(32 * 1024 * 1024);
    expect(host.alive()).toBe(true);
    console.log(`violation → flat after the never-reading client: ${Math.round(await breachIsClosed(host))} ms`);
  });

  it(`refuses dashboard socket ${MAX_SOCKETS + 1} with 503, keeps enforcing, and admits one again when one leaves`, async () => {
    const url = `ws://127.0.0.1:${host.port}/rpc?token=${host.token}`;
    const before = await host.memory();
    const sockets = await Promise.all(Array.from({ length: MAX_SOCKETS }, () => openSocket(url)));
    await expect(openSocket(url)).rejects.toThrow(/503/);
    const refused = await raw(host.port, upgradeRequest(`/rpc?token=${host.token}`, ALLOWED()));
    expect(refused?.status).toBe(503);
    expect(refused?.body).toMatch(/too many/i);
    const flatMs = await breachIsClosed(host);
    const during = await host.memory();
    console.log(
      `${MAX_SOCKETS} dashboard sockets: rss ${mb(before.rss)} → ${mb(during.rss)} MB; violation → flat ${Math.round(flatMs)} ms`,
    );
    expect(during.rss - before.rss).toBeLessThan(100 * 1024 * 1024);
    const leaving = sockets.pop()!;
    leaving.close();
    await once(leaving, 'close');
    await eventually(async () => (await openSocket(url)).close());
    for (const socket of sockets) socket.close();
  });

  it(`answers at most ${MAX_CONNECTIONS} TCP connections at once, keeps enforcing, and serves again once they leave`, async () => {
    // Each connection asks for the status and keeps the connection: answered = admitted, closed unanswered = dropped.
    const outcomes = await Promise.all(
      Array.from(
        { length: MAX_CONNECTIONS + 8 },
        () =>
          new Promise<{ socket: net.Socket; answered: boolean }>((resolve) => {
            const socket = net.connect(host.port, '127.0.0.1', () =>
              socket.write(`GET /status.json?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`),
            );
            socket.on('error', () => undefined);
            socket.once('data', () => resolve({ socket, answered: true }));
            socket.once('close', () => resolve({ socket, answered: false }));
          }),
      ),
    );
    const answered = outcomes.filter((o) => o.answered).length;
    expect(answered).toBeLessThanOrEqual(MAX_CONNECTIONS);
    expect(outcomes.length - answered).toBeGreaterThanOrEqual(8);
    expect(await breachIsClosed(host)).toBeLessThan(10_000);
    for (const { socket } of outcomes) socket.destroy();
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${host.port}/status.json?token=${host.token}`)).status).toBe(200));
  });
});
