/**
 * Starts Risk Warden the way both entry points need it: against a real gateway when one is
 * given, otherwise in demo mode against the simulator started in-process.
 */
import path from 'node:path';
import { watchConfigFile } from '../config/config-watcher';
import { loadConfigFile } from '../config/loader';
import { DEFAULT_CONFIG, type RiskConfig } from '../config/schema';
import type { GatewayCredentials } from '../gateway/gateway-client';
import { createLogger, logToDirectory } from '../log';

import type { Clock } from '../schedule/clock';
import type { ConfiguredWebhook } from '../alerts/webhook-target';
import { TestElevator } from '../elevation/test-elevator';
import { startSimulator, type Simulator } from '../sim/simulator';
import type { SecretBox } from '../store/secret-box';
import { openDataFolder, PRIVATE_FILE_MODE, privateFile } from '../store/data-folder';
import { recordKeySource } from '../store/record-key';
import { Checkpoints } from './checkpoints';
import { SimulatorDemo, type DemoControl } from './demo-control';
import { RiskService } from './risk-service';

/** electron-log's file in the data folder (log.ts); created private before the logger first writes it. */
const LOG_FILE = 'riskwarden.log';

export interface LaunchOptions {
  /** A real (or external simulator) gateway; absent = demo mode with the in-process simulator. */
  gateway: GatewayCredentials | null;
  configFile: string | null;
  dataDir: string;
  simPort?: number;
  randomWalk?: boolean;
  clock?: Clock;
  checkpoints?: Checkpoints;
  /** How often the config file is checked for edits (hot reload). */
  configPollMs?: number;
  /** The account ids to guard; empty = every account of the login. */
  guardAccounts?: readonly number[];
  /** Admin unlock asks the simulator's scripted answer instead of the OS prompt; demo mode only. */
  testElevator?: boolean;
  /** The OS keychain that seals the records key (the desktop's safeStorage); absent = a file only the trader can read. */
  keychain?: SecretBox;
  /** Where breaches and locks are posted off the machine; absent = no alerts. */
  webhook?: ConfiguredWebhook | null;
}

export interface Launched {
  service: RiskService;
  simulator: Simulator | null;
  /** Demo mode only: the demo panel's trades and price moves on the in-process simulator; null in live mode. */
  demo: DemoControl | null;
  config: RiskConfig;
  stop(): Promise<void>;
}

export async function launch(options: LaunchOptions): Promise<Launched> {
  if (options.testElevator && options.gateway)
    throw new Error('the test elevator can only be used with the built-in simulator, never with a real gateway');
  const checkpoints = options.checkpoints ?? new Checkpoints();
  checkpoints.reach('service start');
  const config = options.configFile ? loadConfigFile(options.configFile) : DEFAULT_CONFIG;
  checkpoints.reach('config loaded');
  // Private (0700, files 0600) and held by this process until stop: one Risk Warden per data folder.
  const folder = openDataFolder(options.dataDir);
  let simulator: Simulator | null = null;
  let demo: DemoControl | null = null;
  let service: RiskService | null = null;
  try {
    privateFile(path.join(options.dataDir, LOG_FILE));
    logToDirectory(options.dataDir, PRIVATE_FILE_MODE);
    if (folder.tightened.length > 0) createLogger('launch').warn(`made private, others could read them: ${folder.tightened.join(', ')}`);
    simulator = options.gateway ? null : await startSimulator({ port: options.simPort ?? 0, randomWalk: options.randomWalk ?? true });
    demo = simulator ? new SimulatorDemo({ exchange: simulator.exchange, url: simulator.url }) : null;
    service = createService(options, config, checkpoints, simulator, demo);
    await service.start();
  } catch (error) {
    await service?.stop().catch(() => undefined);
    await simulator?.close();
    folder.release();
    throw error;
  }
  createLogger('launch').info(`enforcing in ${options.gateway ? 'live' : 'demo'} mode; data in ${path.resolve(options.dataDir)}`);
  const running = service;
  const configFile = options.configFile;
  const unwatch = configFile
    ? watchConfigFile(configFile, () => running.applyConfigFile(configFile), options.configPollMs)
    : () => undefined;
  return {
    service: running,
    simulator,
    demo,
    config,
    async stop() {
      unwatch();
      try {
        await running.stop();
        await simulator?.close();
      } finally {
        folder.release();
      }
    },
  };
}

function createService(
  options: LaunchOptions,
  config: RiskConfig,
  checkpoints: Checkpoints,
  simulator: Simulator | null,
  demo: DemoControl | null,
): RiskService {
  const credentials = options.gateway ?? { apiUrl: simulator!.url, rtcUrl: simulator!.url, username: 'demo', apiKey: 'demo' };
  return new RiskService({
    credentials,
    mode: options.gateway ? 'live' : 'demo',
    config,
    dataDir: options.dataDir,
    recordKey: recordKeySource(options.dataDir, options.keychain ?? null),
    configFile: options.configFile,
    checkpoints,
    // The demo panel's contracts and the simulator's address, for the snapshot (demo mode only).
    ...(demo ? { demo } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.guardAccounts ? { guardAccounts: options.guardAccounts } : {}),
    ...(options.webhook ? { webhook: options.webhook } : {}),
    ...(options.testElevator
      ? {
          elevator: new TestElevator(
            () => simulator!.elevation.answer,
            (id) => simulator!.exchange.hasAccount(id),
          ),
        }
      : {}),
  });
}
