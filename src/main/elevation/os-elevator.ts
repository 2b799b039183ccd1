/** The real prompt: pkexec, the macOS administrator dialog or UAC, chosen by platform, never by config. */
import { spawn as nodeSpawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ElevationOutcome, Elevator } from './elevator';
import { interpretPrompt, isPromptPlatform, promptCommand, promptEnvironment, PROMPT_NAMES } from './os-prompt';
import { runChild, type Spawn } from './run-child';

export interface OsElevatorOptions {
  platform?: string;
  spawn?: Spawn;
  /** How long the prompt may stay open before it counts as cancelled. */
  timeoutMs?: number;
  exists?: (file: string) => boolean;
  readProof?: (file: string) => string | null;
  /** The parent's environment the child's is picked from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The real spawn: the child gets `env` and nothing else of this process. */
export const spawnPrompt: Spawn = (file, args, env) => nodeSpawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env });

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

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
    const proofFile = path.join(os.tmpdir(), `riskwarden-proof-${nonce}.txt`);
    const command = promptCommand(platform, nonce, proofFile);
    const exists = this.options.exists ?? fs.existsSync;
    if (!exists(command.file))
      return { kind: 'unavailable', message: `${command.file} is not installed; admin unlock needs ${command.name}` };
    const env = promptEnvironment(platform, this.options.env ?? process.env);
    const spawn = this.options.spawn ?? spawnPrompt;
    const result = await runChild(spawn, command.file, command.args, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, env);
    if (command.proofFile) {
      const readProof = this.options.readProof ?? readAndRemove;
      result.stdout += `\n${readProof(command.proofFile) ?? ''}`;
    }
    return interpretPrompt(platform, nonce, result);
  }
}

function readAndRemove(file: string): string | null {
  try {
    const text = fs.readFileSync(file, 'utf8');
    fs.rmSync(file, { force: true });
    return text;
  } catch {
    return null;
  }
}
