/** A stand-in for the OS prompt process: the process boundary is the only thing faked. */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

export interface Answer {
  exitCode?: number | null;
  /** What the child prints; NONCE is replaced by the nonce the command carries. */
  stdout?: string;
  stderr?: string;
  error?: string;
  /** Never exits (the prompt left open). */
  hang?: boolean;
}

export interface Seen {
  file?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Every start, in order. */
  calls: { file: string; args: string[]; env: NodeJS.ProcessEnv | undefined }[];
}

export const newSeen = (): Seen => ({ calls: [] });

/** Answers every start with `answer`, or each start with the next of `answers`. */
export function fakeSpawn(answer: Answer | Answer[], seen: Seen = newSeen()) {
  const answers = Array.isArray(answer) ? [...answer] : null;
  return (file: string, args: string[], env?: NodeJS.ProcessEnv) => {
    seen.file = file;
    seen.args = args;
    seen.env = env;
    seen.calls.push({ file, args, env });
    const current = answers ? (answers.shift() ?? {}) : (answer as Answer);
    const nonce = /[0-9a-f]{32}/.exec(args.join(' '))?.[0] ?? decodeNonce(args) ?? 'none';
    const child = new EventEmitter() as ChildProcess;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    Object.assign(child, { stdout, stderr, kill: () => setTimeout(() => child.emit('close', null), 0) });
    setTimeout(() => {
      if (current.error) {
        child.emit('error', Object.assign(new Error(current.error), { code: current.error }));
        return;
      }
      if (current.hang) return;
      stdout.write((current.stdout ?? '').replaceAll('NONCE', nonce));
      stderr.write(current.stderr ?? '');
      setTimeout(() => child.emit('close', current.exitCode ?? 0), 0);
    }, 0);
    return child;
  };
}

/** The nonce inside a PowerShell -EncodedCommand (UTF-16LE base64), the last argument. */
export function decodeNonce(args: string[]): string | null {
  return /[0-9a-f]{32}/.exec(decodePowerShell(args))?.[0] ?? null;
}

/** The script a PowerShell command line carries after -EncodedCommand. */
export function decodePowerShell(args: string[]): string {
  return Buffer.from(args.at(-1) ?? '', 'base64').toString('utf16le');
}
