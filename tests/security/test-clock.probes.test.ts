/**
 * The --test-clock route (demo only) as any local process could call it: an absurd jump (1e300 ms)
 * used to be taken, after which no time could be printed and the next snapshot crashed. The host
 * runs the real service in demo mode in a process of its own (web-host-process.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./web-host-process.ts', import.meta.url));

let child: ChildProcess;
let base: string;
let token: string;

beforeAll(async () => {
  child = fork(FIXTURE, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, RW_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ ready: { port: number; token: string } }];
  base = `http://127.0.0.1:${message.ready.port}`;
  token = message.ready.token;
}, 30_000);

afterAll(async () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
});

const advance = (advanceMs: number) => fetch(`${base}/test/clock?token=${token}`, { method: 'POST', body: JSON.stringify({ advanceMs }) });

/** The dashboard's snapshot over HTTP: its status, once the body has been read as a snapshot. */
async function snapshotStatus(): Promise<number> {
  const response = await fetch(`${base}/status.json?token=${token}`);
  const body = (await response.json()) as { accounts: unknown[] };
  expect(body.accounts.length).toBeGreaterThan(0);
  return response.status;
}

describe('the test clock route', () => {
  it.each([1e300, 401 * 86_400_000])('refuses a jump of %d ms with a 400 that says the bound, and keeps serving snapshots', async (ms) => {
    const response = await advance(ms);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(
      /^the test clock runs at most 400 days ahead of real time \(now \d+\.\d days ahead\); got .+ ms$/,
    );
    expect(await snapshotStatus()).toBe(200);
    expect(child.exitCode).toBeNull();
  });

  it('still takes a jump within the bound and answers the new time', async () => {
    const before = Date.now();
    const response = await advance(86_400_000);
    expect(response.status).toBe(200);
    const { now } = (await response.json()) as { now: string };
    expect(Date.parse(now) - before).toBeGreaterThanOrEqual(86_400_000);
    expect(Date.parse(now) - before).toBeLessThan(86_400_000 + 60_000);
    expect(await snapshotStatus()).toBe(200);
  });
});
