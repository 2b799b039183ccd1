/**
 * The operating systems' elevation prompts, by absolute path only, and how to read their answer.
 * The elevated child leaves a proof line — a fresh nonce and its own uid (0) or, on Windows, the
 * result of the Administrator role check — so an exit code of 0 alone never unlocks anything.
 * On Linux and macOS the line comes back on the prompt's stdout; on Windows the elevated child
 * cannot write to our pipes, so it leaves a file only an administrator can make (windows-proof.ts).
 */
import type { ChildResult } from './child-result';
import type { ElevationOutcome } from './elevator';
import { markFor, proofLine, PROOF_TAG } from './proof-line';
import { windowsPrompt } from './windows-proof';

export type PromptPlatform = 'linux' | 'darwin' | 'win32';

export type PosixPlatform = Exclude<PromptPlatform, 'win32'>;

export interface PromptCommand {
  /** What the audit log calls this prompt. */
  name: string;
  file: string;
  args: string[];
}

const PKEXEC = '/usr/bin/pkexec';
const SH = '/bin/sh';
const ID = '/usr/bin/id';
const PRINTF = '/usr/bin/printf';
const OSASCRIPT = '/usr/bin/osascript';

const POSIX_MARK = 'uid=0';

export const PROMPT_NAMES: Record<PromptPlatform, string> = { linux: 'pkexec', darwin: 'the macOS administrator prompt', win32: 'UAC' };

export function isPromptPlatform(platform: string): platform is PromptPlatform {
  return platform === 'linux' || platform === 'darwin' || platform === 'win32';
}

/** The prompt each platform runs. */
export function promptCommand(platform: PromptPlatform, nonce: string): PromptCommand {
  if (!/^[0-9a-f]{16,64}$/.test(nonce)) throw new Error('elevation nonce must be lowercase hex');
  const posixProof = `${PRINTF} '${PROOF_TAG} %s uid=%s\\n' ${nonce} "$(${ID} -u)"`;
  switch (platform) {
    case 'linux':
      return { name: PROMPT_NAMES.linux, file: PKEXEC, args: [SH, '-c', posixProof] };
    case 'darwin':
      return {
        name: PROMPT_NAMES.darwin,
        file: OSASCRIPT,
        args: ['-e', `do shell script "${posixProof.replaceAll('"', '\\"')}" with administrator privileges`],
      };
    case 'win32':
      return { name: PROMPT_NAMES.win32, ...windowsPrompt(nonce) };
  }
}

/** Fixed system folders only: a PATH from the parent could put another `id` or `printf` before the real ones. */
const POSIX_PATH: Record<'linux' | 'darwin', string> = { linux: '/usr/sbin:/usr/bin:/sbin:/bin', darwin: '/usr/bin:/bin:/usr/sbin:/sbin' };
/** The prompt's language and, for pkexec, the way to the trader's display. */
const PASSED_ON: Record<PromptPlatform, readonly string[]> = {
  linux: ['LANG', 'LC_ALL', 'LC_MESSAGES', 'DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY'],
  darwin: ['LANG', 'LC_ALL', 'LC_MESSAGES', 'HOME'],
  win32: ['SystemDrive', 'windir', 'TEMP', 'TMP', 'USERPROFILE', 'LOCALAPPDATA', 'APPDATA', 'PROCESSOR_ARCHITECTURE'],
};
const WINDOWS_ROOT = /^[A-Za-z]:\\[A-Za-z0-9 ._\\-]*$/;

/**
 * The elevation child's whole environment: an allow-list, never the parent's environment minus a
 * deny-list. Risk Warden's own variables (RW_API_KEY holds the live account's key), other secrets
 * and loader hooks (NODE_OPTIONS, LD_PRELOAD, DYLD_*) stay behind; PATH is a fixed system path.
 */
export function promptEnvironment(platform: PromptPlatform, parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // Windows names are case-insensitive (Path, PATH); the parent may spell them either way.
  const lookup = (name: string) => Object.entries(parent).find(([key]) => key.toUpperCase() === name.toUpperCase())?.[1];
  const env: NodeJS.ProcessEnv = {};
  if (platform === 'win32') {
    const given = lookup('SystemRoot');
    const root = given !== undefined && WINDOWS_ROOT.test(given) ? given : 'C:\\Windows';
    env.Path = [`${root}\\System32`, root, `${root}\\System32\\WindowsPowerShell\\v1.0`].join(';');
    env.SystemRoot = root;
  } else {
    env.PATH = POSIX_PATH[platform];
  }
  for (const name of PASSED_ON[platform]) {
    const value = lookup(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * Linux and macOS: approved only with the proof line for this nonce on the prompt's stdout. Windows
 * has no such line (its proof is judged by windows-proof-judge.ts), hence the narrower platform.
 */
export function interpretPrompt(platform: PosixPlatform, nonce: string, result: ChildResult): ElevationOutcome {
  const failure = promptFailure(platform, result);
  if (failure) return failure;
  const proof = result.stdout.split(/\r?\n/).find((line) => line.trim() === proofLine(nonce, POSIX_MARK));
  if (proof) return { kind: 'approved', proof: proof.trim() };
  const claimed = result.stdout
    .split(/\r?\n/)
    .map((line) => markFor(line, nonce))
    .find((mark) => mark !== null);
  return {
    kind: 'refused',
    message:
      typeof claimed === 'string'
        ? `the elevated child did not run as administrator (${claimed}); nothing was unlocked`
        : `${PROMPT_NAMES[platform]} ended without proof that it ran elevated; nothing was unlocked`,
  };
}

/** How a prompt that did not end normally (not started, not answered, not exit 0) is read; null when it did. */
export function promptFailure(platform: PromptPlatform, result: ChildResult): ElevationOutcome | null {
  const name = PROMPT_NAMES[platform];
  if (result.spawnError)
    return { kind: 'unavailable', message: `${name} could not be started (${result.spawnError}); admin unlock needs it` };
  if (result.timedOut) return { kind: 'cancelled', message: `${name} was not answered in time; nothing was unlocked` };
  if (result.exitCode !== 0) return failed(platform, name, result.exitCode, `${result.stdout}\n${result.stderr}`);
  return null;
}

function failed(platform: PromptPlatform, name: string, exitCode: number | null, said: string): ElevationOutcome {
  const detail = said.trim().split(/\r?\n/).at(-1) ?? '';
  if (platform === 'linux') {
    // pkexec(1): 126 = the authentication dialog was dismissed, 127 = not authorized or no agent.
    if (/no authentication agent|not a setuid|must be setuid/i.test(said))
      return { kind: 'unavailable', message: `${name} has no way to ask for a password here (${detail})` };
    if (exitCode === 126) return { kind: 'cancelled', message: 'the password prompt was dismissed; nothing was unlocked' };
    if (exitCode === 127) return { kind: 'denied', message: 'the administrator password was not accepted; nothing was unlocked' };
  }
  if (platform === 'darwin') {
    if (/-128\b|user canceled/i.test(said))
      return { kind: 'cancelled', message: 'the administrator prompt was cancelled; nothing was unlocked' };
    return { kind: 'denied', message: `the administrator prompt did not grant access (${detail}); nothing was unlocked` };
  }
  if (platform === 'win32') {
    if (/canceled by the user|cancelled by the user/i.test(said))
      return { kind: 'cancelled', message: 'the UAC prompt was cancelled; nothing was unlocked' };
    return { kind: 'denied', message: `UAC did not grant access (${detail}); nothing was unlocked` };
  }
  return { kind: 'denied', message: `${name} exited with ${exitCode ?? 'a signal'} (${detail}); nothing was unlocked` };
}
