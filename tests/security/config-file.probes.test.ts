/**
 * Probes of the config file as bad luck or a local process could leave it: a named pipe, a symlink to
 * /dev/zero, a 100 MB file, a refused value of 900 kB — at start and while running (hot reload) —
 * and a held loosening across kill -9. Risk Warden runs in demo mode in a process of its own, so a
 * blocked event loop shows as a process that stops answering and a memory blow-up as an exit; after
 * each probe it must answer at once, say clearly what it refused and still close a max_contracts breach.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/contract';
import { ProjectXApi } from '../../src/main/gateway/projectx-api';
import { RestClient } from '../../src/main/gateway/rest-client';
import { OrderSide, OrderType } from '../../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../src/main/sim/contracts';
import { eventually, tempDir } from '../helpers/harness';

const FIXTURE = fileURLToPath(new URL('./config-process.ts', import.meta.url));
const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ.id;
const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
const FIVE = 'rules:\n  max_contracts:\n    limit: 5\n';

interface Status {
  config: Snapshot['config'];
  limit: number | null;
  longestTimelineDetail: number;
  auditDetails: number[];
}

interface Warden {
  child: ChildProcess;
  simUrl: string;
  alive(): boolean;
  /** Answered over IPC by the process's event loop: a blocked loop never answers. */
  status(): Promise<Status>;
  rssMb(): Promise<number>;
}

const running: Warden[] = [];
afterEach(async () => {
  for (const w of running.splice(0)) {
    if (!w.alive()) continue;
    const exited = once(w.child, 'exit');
    w.child.kill('SIGKILL');
    await exited;
  }
});

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function ask<T>(child: ChildProcess, request: string, key: string): Promise<T> {
  child.send(request);
  return new Promise((resolve) => {
    const listener = (message: Record<string, unknown>) => {
      if (!(key in message)) return;
      child.off('message', listener);
      resolve(message[key] as T);
    };
    child.on('message', listener);
  });
}

/** Starts Risk Warden on `configFile`; resolves with it running, or with the start-up refusal. */
async function start(dataDir: string, configFile: string): Promise<Warden | { refused: string; code: number | null }> {
  const child = fork(FIXTURE, [dataDir, configFile], {
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=512'],
    env: { ...process.env, RW_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const warden: Warden = {
    child,
    simUrl: '',
    alive: () => child.exitCode === null && child.signalCode === null,
    status: () => within(ask<Status>(child, 'status', 'status'), 2000, 'Risk Warden answers'),
    rssMb: async () => Math.round((await within(ask<NodeJS.MemoryUsage>(child, 'memory', 'memory'), 2000, 'memory')).rss / 1048576),
  };
  running.push(warden);
  const [message] = (await within(
    Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`Risk Warden exited with ${String(code)} before it was ready`))),
    ]),
    15_000,
    'Risk Warden starts or refuses',
  )) as [{ ready?: { simUrl: string }; refused?: string }];
  if (message.refused !== undefined) {
    const [code] = (await once(child, 'exit')) as [number | null];
    return { refused: message.refused, code };
  }
  warden.simUrl = message.ready!.simUrl;
  return warden;
}

async function started(dataDir: string, configFile: string): Promise<Warden> {
  const warden = await start(dataDir, configFile);
  if (!('child' in warden)) throw new Error(`refused: ${warden.refused}`);
  return warden;
}

/** A trader buys `size` MNQ; resolves with the positions once Risk Warden has judged the fill. */
async function buy(warden: Warden, size: number): Promise<void> {
  const api = new ProjectXApi(new RestClient({ baseUrl: warden.simUrl }));
  await api.loginKey('trader', 'platform-key');
  await api.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size });
}

async function positions(warden: Warden): Promise<number[]> {
  const state = (await (await fetch(`${warden.simUrl}/sim/state`)).json()) as { positions: { size: number }[] };
  return state.positions.map((p) => p.size);
}

async function closesABreach(warden: Warden): Promise<void> {
  await buy(warden, 6);
  await eventually(async () => expect(await positions(warden)).toEqual([]), 10_000);
}

/** The config path as each probe leaves it. */
const PROBES: [string, (file: string) => void, RegExp][] = [
  [
    'a named pipe',
    (file) => execFileSync('mkfifo', [file]),
    /is a named pipe \(FIFO\), not a regular file; only a regular file under 1 MB/,
  ],
  ['a symlink to /dev/zero', (file) => fs.symlinkSync('/dev/zero', file), /is a character device, not a regular file/],
  [
    'a 100 MB file of comments',
    (file) => {
      fs.writeFileSync(file, FIVE);
      fs.truncateSync(file, 100 * 1024 * 1024); // the rest reads as NUL bytes; the size is what counts
    },
    /is 100\.0 MB; a config file must be under 1 MB/,
  ],
];

describe('the config path at start', () => {
  it.each(PROBES)('refuses %s at once, naming the path and what is there', async (_probe, place, why) => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'risk-config.yaml');
    place(file);
    const outcome = await start(dataDir, file);
    expect(outcome).toEqual({ refused: expect.stringMatching(why) as unknown, code: 2 });
    expect((outcome as { refused: string }).refused).toContain(file);
  });
});

describe('the config path while running (hot reload)', () => {
  it.each(PROBES)('keeps answering and enforcing when it becomes %s, and says why it was refused', async (_probe, place, why) => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'risk-config.yaml');
    fs.writeFileSync(file, FIVE);
    const warden = await started(dataDir, file);
    fs.rmSync(file);
    place(file);
    await eventually(async () => expect((await warden.status()).config.error).toMatch(why), 10_000);
    // Ten more polls of the same file: still answering at once, memory flat (nothing re-read).
    for (let i = 0; i < 10; i++) expect((await warden.status()).limit).toBe(5);
    expect(await warden.rssMb()).toBeLessThan(400);
    await closesABreach(warden);
    expect(warden.alive()).toBe(true);
  });

  it('echoes a refused 900 kB value short: in the snapshot, the timeline and the audit log', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'risk-config.yaml');
    fs.writeFileSync(file, FIVE);
    const warden = await started(dataDir, file);
    fs.writeFileSync(file, `${FIVE}    count_type: ${'x'.repeat(900 * 1024)}\n`);
    await eventually(async () => expect((await warden.status()).config.error).toMatch(/count_type .+, got "x{199}…$/), 10_000);
    const status = await warden.status();
    expect(status.config.error!.length).toBeLessThan(500);
    expect(status.longestTimelineDetail).toBeLessThan(500);
    expect(Math.max(...status.auditDetails)).toBeLessThan(500);
    expect(status.limit).toBe(5);
    await closesABreach(warden);
  });
});

describe('a held loosening and kill -9', () => {
  it('is still held after kill -9 and a restart the same day: a 6th contract is closed', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'risk-config.yaml');
    fs.writeFileSync(file, FIVE);
    const first = await started(dataDir, file);
    fs.writeFileSync(file, 'rules:\n  max_contracts:\n    limit: 50\n');
    await eventually(
      async () => expect((await first.status()).config.pendingAtReset).toEqual(['Max contracts: 5 → 50 at the daily reset']),
      10_000,
    );
    const exited = once(first.child, 'exit');
    first.child.kill('SIGKILL');
    await exited;

    const second = await started(dataDir, file);
    const status = await second.status();
    expect(status.limit).toBe(5);
    expect(status.config.pendingAtReset).toEqual(['Max contracts: 5 → 50 at the daily reset']);
    await closesABreach(second);
  });
});
