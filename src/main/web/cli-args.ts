/** The web host's command line. Tests outside the code base use these names; keep them. */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/loader';
import type { LaunchOptions } from '../service/launch';
import { StoreError } from '../store/database';
import { ModeMismatchError } from '../store/data-mode';
import { FolderInUseError } from '../store/folder-lock';
import { webhookFromEnvironment } from '../alerts/webhook-command-line';

export class UsageError extends Error {}

export const USAGE = `Usage: riskwarden-web [options]
  --api-url URL      ProjectX REST base, e.g. https://api.topstepx.com (omit for demo mode)
  --rtc-url URL      realtime base; hubs at URL/hubs/user and URL/hubs/market
  --username NAME    ProjectX user name; the API key comes from the RW_API_KEY environment variable
  --accounts IDS     comma-separated account ids to guard (default: every account of the login)
  --config FILE      risk configuration (see config/risk-config.example.yaml)
  --data-dir DIR     where the database and logs live (default ~/.riskwarden/<live|demo>)
  --port N           dashboard port on 127.0.0.1 (0 = any free port; default 0)
  --sim-port N       demo mode: the simulator's port (default any free port)
  --no-random-walk   demo mode: keep simulator prices still until /sim/price moves them
  --test-elevator    demo mode: admin unlock takes the simulator's scripted answer (POST /sim/elevation)
                     instead of the OS prompt; refused with --api-url
  --test-clock       demo mode: POST /test/clock?token=… {"advanceMs": N} moves Risk Warden's time
                     forward (end-to-end tests of resets and lock ends); refused with --api-url
Alerts: RW_WEBHOOK_URL (or RW_WEBHOOK_URL_FILE, a file only you can read) posts breaches and locks
  there; RW_WEBHOOK_FORMAT = generic (default), discord or telegram`;

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`${name} must be a TCP port number (0-65535), got ${JSON.stringify(value)}`);
  return n;
}

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
  return value.replace(/\/+$/, '');
}

function accountIds(value: string | undefined): number[] {
  if (value === undefined) return [];
  return value.split(',').map((part) => {
    const id = Number(part.trim());
    if (!Number.isInteger(id) || id <= 0)
      throw new UsageError(
        `--accounts must be comma-separated account ids, got ${JSON.stringify(part.trim())} in ${JSON.stringify(value)}`,
      );
    return id;
  });
}

export interface WebCliOptions {
  launch: LaunchOptions;
  port: number;
  /** Demo mode only: Risk Warden's time can be moved forward through the web host. */
  testClock: boolean;
}

/** Risk Warden's own options: the one list both hosts parse (the desktop app also meets Chromium's switches). */
export const OPTIONS = {
  'api-url': { type: 'string' },
  'rtc-url': { type: 'string' },
  username: { type: 'string' },
  config: { type: 'string' },
  accounts: { type: 'string' },
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  'sim-port': { type: 'string' },
  'no-random-walk': { type: 'boolean', default: false },
  'test-elevator': { type: 'boolean', default: false },
  'test-clock': { type: 'boolean', default: false },
} as const;

export function parseWebArgs(argv: readonly string[], env: NodeJS.ProcessEnv): WebCliOptions {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const apiUrl = values['api-url'];
  let gateway: LaunchOptions['gateway'] = null;
  if (apiUrl !== undefined) {
    const rtcUrl = values['rtc-url'];
    if (!rtcUrl) throw new UsageError('--rtc-url is required with --api-url (TopstepX: https://rtc.topstepx.com)');
    if (!values.username) throw new UsageError('--username is required with --api-url');
    const apiKey = env.RW_API_KEY;
    if (!apiKey) throw new UsageError('the RW_API_KEY environment variable must hold the ProjectX API key when --api-url is given');
    gateway = { apiUrl: httpUrl('--api-url', apiUrl), rtcUrl: httpUrl('--rtc-url', rtcUrl), username: values.username, apiKey };
    if (values['test-elevator'])
      throw new UsageError('--test-elevator works with the built-in simulator only; a real account needs the OS prompt');
    if (values['test-clock']) throw new UsageError('--test-clock works with the built-in simulator only; a real account runs on real time');
  } else if (values['rtc-url'] || values.username) {
    throw new UsageError('--rtc-url and --username need --api-url; without it Risk Warden runs in demo mode');
  }
  const mode = gateway ? 'live' : 'demo';
  let webhook;
  try {
    webhook = webhookFromEnvironment(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    port: port('--port', values.port, 0),
    testClock: values['test-clock'],
    launch: {
      gateway,
      configFile: values.config ?? null,
      dataDir: values['data-dir'] ?? path.join(os.homedir(), '.riskwarden', mode),
      simPort: port('--sim-port', values['sim-port'], 0),
      randomWalk: !values['no-random-walk'],
      testElevator: values['test-elevator'],
      guardAccounts: accountIds(values.accounts),
      ...(webhook ? { webhook } : {}),
    },
  };
}

/** What the web host prints and exits with when it cannot start. */
export function startFailure(error: unknown): { text: string; exitCode: number } {
  if (error instanceof UsageError) return { text: `riskwarden: ${error.message}\n\n${USAGE}`, exitCode: 2 };
  if (error instanceof ConfigError) return { text: `riskwarden: refused the configuration — ${error.message}`, exitCode: 2 };
  // The data folder refused (in use, of the other mode, damaged): the message says what to do; no stack.
  if (error instanceof FolderInUseError || error instanceof ModeMismatchError || error instanceof StoreError)
    return { text: `riskwarden: ${error.message}`, exitCode: 1 };
  return { text: `riskwarden: ${(error as Error).stack ?? String(error)}`, exitCode: 1 };
}
