/**
 * Risk Warden instances for the probes: the web host's command line in a process of its own
 * (riskwarden-process.ts), started until it enforces or until it refuses, stopped, and read
 * through its dashboard and its database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import WebSocket from 'ws';
import type { Snapshot } from '../../src/shared/contract';
import { startSimulator, type Simulator } from '../../src/main/sim/simulator';

const FIXTURE = fileURLToPath(new URL('./riskwarden-process.ts', import.meta.url));
const STARTUP_MS = 15_000;

export interface Instance {
  child: ChildProcess;
  pid: number;
  output: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface Running extends Instance {
  dashboard: URL;
}

/** Every instance started, for afterEach to stop. */
export const started: Instance[] = [];

export function run(args: string[], env: NodeJS.ProcessEnv = {}): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, '--port', '0', '--no-random-walk', ...args], {
    env: { ...process.env, RW_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const instance = { child, pid: child.pid!, output, exited };
  started.push(instance);
  return instance;
}

/** Starts an instance and waits until it enforces (its dashboard is up). */
export async function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const instance = run(args, env);
  const dashboard = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no dashboard after ${STARTUP_MS} ms: ${instance.output.stderr}`)), STARTUP_MS);
    instance.child.stdout!.on('data', () => {
      const url = /Dashboard: (\S+)/.exec(instance.output.stdout)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(new URL(url));
      }
    });
    void instance.exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before it was ready: ${instance.output.stderr}`));
    });
  });
  return { ...instance, dashboard };
}

/** Starts an instance that must refuse to start; resolves with its exit code and what it said. */
export async function refused(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const instance = run(args, env);
  const startedAnyway = new Promise<never>((_resolve, reject) =>
    instance.child.stdout!.on('data', () => {
      if (instance.output.stdout.includes('Dashboard:')) reject(new Error(`it started: ${instance.output.stdout}`));
    }),
  );
  const { code } = await Promise.race([instance.exited, startedAnyway]);
  return { code, ...instance.output };
}

export async function stop(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  instance.child.kill('SIGTERM');
  await instance.exited;
}

export async function status(instance: Running): Promise<{ connection: { state: string } }> {
  const response = await fetch(`${instance.dashboard.origin}/status.json?token=${instance.dashboard.searchParams.get('token')}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { connection: { state: string } };
}

export function call(instance: Running, method: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }> {
  const socket = new WebSocket(`ws://${instance.dashboard.host}/rpc?token=${instance.dashboard.searchParams.get('token')}`);
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ id: 1, method, params })));
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { id?: number; ok: boolean; result?: unknown; error?: string };
      if (frame.id !== 1) return;
      socket.close();
      resolve(frame);
    });
  });
}

export const lockHolder = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, 'riskwarden.lock'), 'utf8')) as { pid: number }).pid;
export const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

export function query<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dir, 'riskwarden.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * For a file of probes against live-mode instances: a simulator standing in for the gateway,
 * started before the file's tests and closed after them, and every instance stopped after each test.
 * `args(dir)` starts an instance on it with a daily loss limit of −$100 and its data in `dir`.
 */
export function liveGateway(): { simulator(): Simulator; args(dir: string): string[] } {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ randomWalk: false });
  });
  afterEach(async () => {
    for (const instance of started.splice(0)) await stop(instance);
  });
  afterAll(async () => simulator.close());
  return {
    simulator: () => simulator,
    args(dir) {
      const config = path.join(dir, '..', 'risk-config.yaml');
      fs.writeFileSync(config, 'rules:\n  daily_realized_loss: { limit: -100 }\n');
      return ['--api-url', simulator.url, '--rtc-url', simulator.url, '--username', 'trader', '--config', config, '--data-dir', dir];
    },
  };
}

/** The API key a live-mode instance reads from its environment. */
export const LIVE_KEY = { RW_API_KEY: 'live-key' };

export async function snapshot(instance: Running): Promise<Snapshot> {
  return (await status(instance)) as unknown as Snapshot;
}
