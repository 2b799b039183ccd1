/**
 * The real service in this process against the simulator in a child process, over loopback with
 * the real SignalR client.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { riskConfigSchema } from '../src/main/config/schema';
import { ProjectXApi } from '../src/main/gateway/projectx-api';
import { RestClient } from '../src/main/gateway/rest-client';
import { RiskService } from '../src/main/service/risk-service';
import type { SimCommand } from './sim-process';

export interface LiveBench {
  service: RiskService;
  trader: ProjectXApi;
  simulator: SimulatorProcess;
  close(): Promise<void>;
}

export class SimulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<SimulatorProcess> {
    const child = fork(fileURLToPath(new URL('./sim-process.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, RW_LOG_LEVEL: 'silent' },
    });
    const { url } = await new Promise<{ url: string }>((resolve, reject) => {
      child.once('message', (message) => resolve(message as { url: string }));
      child.once('exit', (code) => reject(new Error(`simulator process exited with ${code}`)));
    });
    return new SimulatorProcess(child, url);
  }

  request<T>(command: SimCommand): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (message) => resolve(message as T));
      this.child.send(command);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

export async function startLiveBench(): Promise<LiveBench> {
  const simulator = await SimulatorProcess.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-'));
  const config = riskConfigSchema.parse({ rules: { max_contracts: { limit: 5 }, daily_realized_loss: { limit: -1_000_000 } } });
  const service = new RiskService({
    credentials: { apiUrl: simulator.url, rtcUrl: simulator.url, username: 'bench', apiKey: 'bench' },
    mode: 'demo',
    config,
    dataDir,
  });
  await service.start();
  const trader = new ProjectXApi(new RestClient({ baseUrl: simulator.url }));
  await trader.loginKey('trader', 'bench');
  return {
    service,
    trader,
    simulator,
    async close() {
      await service.stop();
      await simulator.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
