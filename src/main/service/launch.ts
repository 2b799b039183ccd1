/**
 * Starts Risk Warden the way both entry points need it: against a real gateway when one is
 * given, otherwise in demo mode against the simulator started in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { watchConfigFile } from '../config/config-watcher';
import { loadConfigFile } from '../config/loader';
import { DEFAULT_CONFIG, type RiskConfig } from '../config/schema';
import type { GatewayCredentials } from '../gateway/gateway-client';
import { createLogger, logToDirectory } from '../log';
import type { Clock } from '../schedule/clock';
import { TestElevator } from '../elevation/test-elevator';
import { startSimulator, type Simulator } from '../sim/simulator';
import { Checkpoints } from './checkpoints';
import { RiskService } from './risk-service';

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
}

export interface Launched {
  service: RiskService;
  simulator: Simulator | null;
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
  fs.mkdirSync(options.dataDir, { recursive: true });
  logToDirectory(options.dataDir);
  const logger = createLogger('launch');
  const simulator = options.gateway ? null : await startSimulator({ port: options.simPort ?? 0, randomWalk: options.randomWalk ?? true });
  const credentials = options.gateway ?? { apiUrl: simulator!.url, rtcUrl: simulator!.url, username: 'demo', apiKey: 'demo' };
  const service = new RiskService({
    credentials,
    mode: options.gateway ? 'live' : 'demo',
    config,
    dataDir: options.dataDir,
    configFile: options.configFile,
    checkpoints,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.guardAccounts ? { guardAccounts: options.guardAccounts } : {}),
    ...(options.testElevator
      ? {
          elevator: new TestElevator(
            () => simulator!.elevation.answer,
            (id) => simulator!.exchange.hasAccount(id),
          ),
        }
      : {}),
  });
  try {
    await service.start();
  } catch (error) {
    await service.stop().catch(() => undefined);
    await simulator?.close();
    throw error;
  }
  logger.info(`enforcing in ${options.gateway ? 'live' : 'demo'} mode; data in ${path.resolve(options.dataDir)}`);
  const configFile = options.configFile;
  const unwatch = configFile
    ? watchConfigFile(configFile, () => service.applyConfigFile(configFile), options.configPollMs)
    : () => undefined;
  return {
    service,
    simulator,
    config,
    async stop() {
      unwatch();
      await service.stop();
      await simulator?.close();
    },
  };
}
