/** The real prompt: pkexec, the macOS administrator dialog or UAC, chosen by platform, never by config. */
import { spawn as nodeSpawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { ElevationOutcome, Elevator } from './elevator';
import { interpretPrompt, isPromptPlatform, promptCommand, promptEnvironment, promptFailure, PROMPT_NAMES } from './os-prompt';
import { runChild, type Spawn } from './run-child';
import { proofCheck } from './windows-proof';
import { judgeWindowsProof } from './windows-proof-judge';

export interface OsElevatorOptions {
  platform?: string;
  spawn?: Spawn;
  /** How long the prompt may stay open before it counts as cancelled. */
  timeoutMs?: number;
  exists?: (file: string) => boolean;
  /** The parent's environment the child's is picked from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds since the epoch (default Date.now): a Windows proof must be newer than the prompt. */
  now?: () => number;
}

/** The real spawn: the child gets `env` and nothing else of this process. */
export const spawnPrompt: Spawn = (file, args, env) => nodeSpawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env });

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/** The Windows proof check only reads a few files' security; it has no prompt to wait for. */
const CHECK_TIMEOUT_MS = 30_000;

export class OsElevator implements Elevator {
  readonly name: string;
  private readonly platform: string;

  constructor(private readonly options: OsElevatorOptions = {}) {
    this.platform = options.platform ?? process.platform;
    this.name = isPromptPlatform(this.platform) ? PROMPT_NAMES[this.platform] : `no prompt on ${this.platform}`;
  }

  async elevate(): Promise<ElevationOutcome> {
    const platform = this.platform;
    if (!isPromptPlatform(platform)) return { kind: 'unavailable', message: `admin unlock has no elevation prompt on ${platform}` };
    const nonce = randomBytes(16).toString('hex');
    const command = promptCommand(platform, nonce);
    const exists = this.options.exists ?? fs.existsSync;
    if (!exists(command.file))
      return { kind: 'unavailable', message: `${command.file} is not installed; admin unlock needs ${command.name}` };
    const env = promptEnvironment(platform, this.options.env ?? process.env);
    const run = (file: string, args: string[], timeoutMs: number) =>
      runChild(this.options.spawn ?? spawnPrompt, file, args, timeoutMs, env);
    const startedAt = (this.options.now ?? Date.now)();
    const result = await run(command.file, command.args, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (platform !== 'win32') return interpretPrompt(platform, nonce, result);
    const failure = promptFailure(platform, result);
    if (failure) return failure;
    // The prompt's exit code proves nothing (any program of the trader can end it with 0): ask
    // Windows, with the same scrubbed environment and absolute path, what the child left behind.
    const check = proofCheck(nonce);
    const report = await run(check.file, check.args, CHECK_TIMEOUT_MS);
    if (report.spawnError || report.timedOut || report.exitCode !== 0) {
      const why = report.spawnError ?? (report.timedOut ? 'no answer in time' : `exit ${report.exitCode ?? 'by a signal'}`);
      const said = report.stderr.trim().split(/\r?\n/).at(-1);
      return { kind: 'refused', message: `the UAC proof could not be checked (${why}${said ? `: ${said}` : ''}); nothing was unlocked` };
    }
    return judgeWindowsProof(report.stdout, nonce, startedAt);
  }
}
