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

export const ACCOUNT = 7001;
export const CONTRACTS = { MNQ: 'CON.F.US.MNQ.Z26', NQ: 'CON.F.US.ENQ.Z26', ES: 'CON.F.US.EP.Z26', MES: 'CON.F.US.MES.Z26' } as const;

export interface SimPosition {
  contractId: string;
  type: number;
  size: number;
}

export class SimulatorControl {
  private token: string | null = null;

  constructor(readonly url: string) {}

  async setPrice(contractId: string, price: number): Promise<void> {
    await this.post('/sim/price', { contractId, price });
  }

  async state(): Promise<{ positions: SimPosition[]; openOrders: unknown[]; calls: Record<string, number> }> {
    return (await fetch(`${this.url}/sim/state`)).json() as Promise<{ positions: SimPosition[]; openOrders: unknown[]; calls: Record<string, number> }>;
  }

  /** A market order as the trading platform would send it. */
  async market(contractId: string, side: 'buy' | 'sell', size: number): Promise<void> {
    await this.place({ accountId: ACCOUNT, contractId, type: 2, side: side === 'buy' ? 0 : 1, size });
  }

  async limit(contractId: string, side: 'buy' | 'sell', size: number, limitPrice: number): Promise<void> {
    await this.place({ accountId: ACCOUNT, contractId, type: 1, side: side === 'buy' ? 0 : 1, size, limitPrice });
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
      const login = (await (await this.fetchJson('/api/Auth/loginKey', { userName: 'platform', apiKey: 'platform' }))) as { token: string };
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
}

export async function startWarden(configYaml: string, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-'))): Promise<Warden & { process: ChildProcess }> {
  const configFile = path.join(dataDir, 'risk-config.yaml');
  fs.writeFileSync(configFile, configYaml);
  const child = spawn(process.execPath, ['out/main/web.js', '--port', '0', '--data-dir', dataDir, '--config', configFile, '--no-random-walk'], {
    env: { ...process.env, RW_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const lines = await new Promise<{ dashboard: string; sim: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not print its Dashboard line in 20 s:\n${output}`)), 20_000);
    const check = () => {
      const dashboard = /^Dashboard: (\S+)$/m.exec(output)?.[1];
      const sim = /^Simulator: (\S+)$/m.exec(output)?.[1];
      if (dashboard && sim) {
        clearTimeout(timer);
        resolve({ dashboard, sim });
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => reject(new Error(`the web host exited with ${code}:\n${output}`)));
  });
  return { dashboardUrl: lines.dashboard, sim: new SimulatorControl(lines.sim), dataDir, process: child, output: () => output };
}

export async function stopWarden(warden: { process: ChildProcess }): Promise<void> {
  if (warden.process.exitCode !== null) return;
  const exited = new Promise((resolve) => warden.process.once('exit', resolve));
  warden.process.kill('SIGTERM');
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
