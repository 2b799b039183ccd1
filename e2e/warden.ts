/**
 * Starts Risk Warden's web host the way a trader (or a test outside the code base) does: its
 * command line, demo mode, and the "Dashboard:" line it prints. Drives the simulator only through
 * its REST API and /sim control calls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { OrderSide, OrderType } from '../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../src/main/sim/contracts';

export const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
export const CONTRACTS = {
  MNQ: SIM_CONTRACTS_BY_SYMBOL.MNQ.id,
  NQ: SIM_CONTRACTS_BY_SYMBOL.NQ.id,
  ES: SIM_CONTRACTS_BY_SYMBOL.ES.id,
  MES: SIM_CONTRACTS_BY_SYMBOL.MES.id,
};

export interface SimPosition {
  contractId: string;
  type: number;
  size: number;
}

const wireSide = (side: 'buy' | 'sell') => (side === 'buy' ? OrderSide.Bid : OrderSide.Ask);

export class SimulatorControl {
  private token: string | null = null;

  constructor(readonly url: string) {}

  async setPrice(contractId: string, price: number): Promise<void> {
    await this.post('/sim/price', { contractId, price });
  }

  /** How the test elevator (--test-elevator) answers the next admin unlock. */
  async answerElevation(answer: 'approve' | 'deny' | 'cancel' | 'unavailable' | 'no-proof'): Promise<void> {
    await this.post('/sim/elevation', { answer });
  }

  async state(): Promise<{ positions: SimPosition[]; openOrders: unknown[]; calls: Record<string, number> }> {
    return (await fetch(`${this.url}/sim/state`)).json() as Promise<{
      positions: SimPosition[];
      openOrders: unknown[];
      calls: Record<string, number>;
    }>;
  }

  /** A market order as the trading platform would send it. */
  async market(contractId: string, side: 'buy' | 'sell', size: number): Promise<void> {
    await this.place({ accountId: ACCOUNT, contractId, type: OrderType.Market, side: wireSide(side), size });
  }

  async limit(contractId: string, side: 'buy' | 'sell', size: number, limitPrice: number): Promise<void> {
    await this.place({ accountId: ACCOUNT, contractId, type: OrderType.Limit, side: wireSide(side), size, limitPrice });
  }

  async roundTrip(contractId: string, entry: number, exit: number): Promise<void> {
    await this.setPrice(contractId, entry);
    await this.market(contractId, 'buy', 1);
    await this.setPrice(contractId, exit);
    await this.market(contractId, 'sell', 1);
  }

  private async place(order: Record<string, unknown>): Promise<void> {
    const body = (await this.api('Order/place', order)) as { success: boolean; errorMessage: string | null };
    if (!body.success) throw new Error(`Order/place refused: ${body.errorMessage}`);
  }

  private async api(endpoint: string, body: unknown): Promise<unknown> {
    if (!this.token) {
      const login = (await await this.fetchJson('/api/Auth/loginKey', { userName: 'platform', apiKey: 'platform' })) as { token: string };
      this.token = login.token;
    }
    return this.fetchJson(`/api/${endpoint}`, body, this.token);
  }

  private async fetchJson(pathname: string, body: unknown, token?: string): Promise<unknown> {
    const response = await fetch(`${this.url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${pathname}: HTTP ${response.status}`);
    return response.json();
  }

  private post(pathname: string, body: unknown): Promise<unknown> {
    return this.fetchJson(pathname, body);
  }
}

export interface Warden {
  dashboardUrl: string;
  sim: SimulatorControl;
  dataDir: string;
  output(): string;
  /** With --test-clock: moves Risk Warden's time forward. */
  advanceClock(ms: number): Promise<void>;
  /** The snapshot the dashboard is fed, as /status.json serves it. */
  status(): Promise<{ tradingDay: { nextReset: string }; generatedAt: string }>;
}

export interface WardenOptions {
  dataDir?: string;
  /** Extra command-line flags: --test-elevator, --test-clock … */
  args?: string[];
  /** An external simulator (its URL): Risk Warden connects to it as to a real gateway. */
  gateway?: string;
}

/** Starts a process and waits for the lines it prints once it is ready. */
async function spawnUntil(
  command: string,
  args: string[],
  patterns: Record<string, RegExp>,
  env: NodeJS.ProcessEnv,
): Promise<{ process: ChildProcess; found: Record<string, string>; output(): string }> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const found = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not get ready in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const matches = Object.entries(patterns).map(([name, pattern]) => [name, pattern.exec(output)?.[1]] as const);
      if (matches.every(([, value]) => value)) {
        clearTimeout(timer);
        resolve(Object.fromEntries(matches) as Record<string, string>);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)));
  });
  return { process: child, found, output: () => output };
}

export async function startWarden(configYaml: string, options: WardenOptions = {}): Promise<Warden & { process: ChildProcess }> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-'));
  const configFile = path.join(dataDir, 'risk-config.yaml');
  fs.writeFileSync(configFile, configYaml);
  const gatewayArgs = options.gateway
    ? ['--api-url', options.gateway, '--rtc-url', options.gateway, '--username', 'e2e']
    : ['--no-random-walk'];
  const started = await spawnUntil(
    process.execPath,
    ['out/main/web.js', '--port', '0', '--data-dir', dataDir, '--config', configFile, ...gatewayArgs, ...(options.args ?? [])],
    { dashboard: /^Dashboard: (\S+)$/m, ...(options.gateway ? {} : { sim: /^Simulator: (\S+)$/m }) },
    { ...process.env, RW_LOG_LEVEL: 'warn', ...(options.gateway ? { RW_API_KEY: 'e2e-key' } : {}) },
  );
  const dashboard = new URL(started.found.dashboard!);
  const token = dashboard.searchParams.get('token');
  return {
    dashboardUrl: dashboard.href,
    sim: new SimulatorControl(options.gateway ?? started.found.sim!),
    dataDir,
    process: started.process,
    output: started.output,
    async advanceClock(ms) {
      const response = await fetch(`${dashboard.origin}/test/clock?token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ advanceMs: ms }),
      });
      if (!response.ok) throw new Error(`/test/clock: HTTP ${response.status} ${await response.text()}`);
    },
    async status() {
      return (await fetch(`${dashboard.origin}/status.json?token=${token}`)).json() as Promise<{
        tradingDay: { nextReset: string };
        generatedAt: string;
      }>;
    },
  };
}

/** The simulator as a process of its own, so Risk Warden can be killed and started again against it. */
export async function startExternalSimulator(): Promise<{ url: string; process: ChildProcess }> {
  const started = await spawnUntil(
    process.execPath,
    ['--import', 'tsx', 'src/main/sim/cli.ts', '--port', '0', '--no-random-walk'],
    { url: /^Simulator: (\S+) / },
    process.env,
  );
  return { url: started.found.url!, process: started.process };
}

export async function stopWarden(warden: { process: ChildProcess }, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (warden.process.exitCode !== null || warden.process.signalCode !== null) return;
  const exited = new Promise((resolve) => warden.process.once('exit', resolve));
  warden.process.kill(signal);
  await exited;
}

export const RULES_YAML = `rules:
  max_contracts:
    limit: 5
  daily_realized_loss:
    limit: -500
`;

export const test = base.extend<{ warden: Warden }>({
  // Playwright requires the fixtures argument to be an object pattern, even an empty one.
  // eslint-disable-next-line no-empty-pattern
  warden: async ({}, use) => {
    const warden = await startWarden(RULES_YAML);
    await use(warden);
    await stopWarden(warden);
  },
});

export { expect } from '@playwright/test';

export function screenshotPath(name: string): string {
  const dir = path.resolve('test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
