/** Builds the real object graph against the simulator over loopback, in a temporary data dir. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { riskConfigSchema, type RiskConfig } from '../../src/main/config/schema';
import type { Clock } from '../../src/main/schedule/clock';
import type { Checkpoints } from '../../src/main/service/checkpoints';
import { RiskService } from '../../src/main/service/risk-service';
import { TestElevator } from '../../src/main/elevation/test-elevator';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/main/sim/simulator';

export function tempDir(prefix = 'rw-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function config(rules: Record<string, unknown>, extra: Record<string, unknown> = {}): RiskConfig {
  return riskConfigSchema.parse({ rules, ...extra });
}

export interface Harness {
  sim: Simulator;
  service: RiskService;
  dataDir: string;
  restart(options?: { config?: RiskConfig }): Promise<RiskService>;
  close(): Promise<void>;
}

export async function startHarness(options: {
  config: RiskConfig;
  sim?: SimulatorOptions;
  clock?: Clock;
  dataDir?: string;
  /** Checkpoints the service reports to (a test can watch every one it reaches). */
  checkpoints?: Checkpoints;
}): Promise<Harness> {
  const sim = await startSimulator({ randomWalk: false, ...options.sim });
  const dataDir = options.dataDir ?? tempDir();
  const make = (cfg: RiskConfig) =>
    new RiskService({
      credentials: { apiUrl: sim.url, rtcUrl: sim.url, username: 'risk-warden', apiKey: 'key' },
      mode: 'demo',
      config: cfg,
      dataDir,
      backoffMs: [5, 10, 20, 40, 80],
      // The OS prompt is the process boundary: tests answer it through the simulator.
      elevator: new TestElevator(
        () => sim.elevation.answer,
        (accountId) => sim.exchange.hasAccount(accountId),
      ),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.checkpoints ? { checkpoints: options.checkpoints } : {}),
    });
  let service = make(options.config);
  await service.start();
  const harness: Harness = {
    sim,
    dataDir,
    get service() {
      return service;
    },
    async restart(restartOptions) {
      await service.stop();
      service = make(restartOptions?.config ?? options.config);
      await service.start();
      return service;
    },
    async close() {
      await service.stop().catch(() => undefined);
      await sim.close();
    },
  };
  return harness;
}

/** Polls until the assertion holds (loopback I/O is real; no fixed sleeps). */
export function eventually<T>(assertion: () => T | Promise<T>, timeout = 5000): Promise<T> {
  return vi.waitFor(assertion, { timeout, interval: 10 });
}
