/** Runs one elevation child to its end: output collected, a deadline, a start failure reported, never thrown. */
import type { ChildProcess } from 'node:child_process';
import type { ChildResult } from './child-result';

/** Starts the child with exactly `env` as its environment (see promptEnvironment). */
export type Spawn = (file: string, args: string[], env: NodeJS.ProcessEnv) => ChildProcess;

const OUTPUT_LIMIT = 64 * 1024;

export function runChild(spawn: Spawn, file: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let done = false;
    const finish = (exitCode: number | null, spawnError: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      resolve({ exitCode, stdout, stderr, spawnError, timedOut });
    };
    let child: ChildProcess;
    try {
      child = spawn(file, args, env);
    } catch (error) {
      resolve({ exitCode: null, stdout, stderr, spawnError: (error as Error).message, timedOut });
      return;
    }
    const deadline = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-OUTPUT_LIMIT)));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-OUTPUT_LIMIT)));
    child.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
    child.on('close', (code) => finish(code, null));
  });
}
