/**
 * The operating systems' elevation prompts, by absolute path only, and how to read their answer.
 * The elevated child prints a proof line — a fresh nonce and its own uid (0) or, on Windows, the
 * result of the Administrator role check — so an exit code of 0 alone never unlocks anything.
 */
import type { ChildResult } from './child-result';
import type { ElevationOutcome } from './elevator';

export type PromptPlatform = 'linux' | 'darwin' | 'win32';

export interface PromptCommand {
  /** What the audit log calls this prompt. */
  name: string;
  file: string;
  args: string[];
  /** Windows: the elevated child cannot write to our pipes, so it writes its proof here. */
  proofFile: string | null;
}

const PKEXEC = '/usr/bin/pkexec';
const SH = '/bin/sh';
const ID = '/usr/bin/id';
const PRINTF = '/usr/bin/printf';
const OSASCRIPT = '/usr/bin/osascript';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

const PROOF_TAG = 'riskwarden-elevated';
const POSIX_MARK = 'uid=0';
const WINDOWS_MARK = 'admin=True';

export const PROMPT_NAMES: Record<PromptPlatform, string> = { linux: 'pkexec', darwin: 'the macOS administrator prompt', win32: 'UAC' };

export function isPromptPlatform(platform: string): platform is PromptPlatform {
  return platform === 'linux' || platform === 'darwin' || platform === 'win32';
}

/** The prompt each platform runs; `proofFile` is only used on Windows. */
export function promptCommand(platform: PromptPlatform, nonce: string, proofFile: string): PromptCommand {
  if (!/^[0-9a-f]{16,64}$/.test(nonce)) throw new Error('elevation nonce must be lowercase hex');
  const posixProof = `${PRINTF} '${PROOF_TAG} %s uid=%s\\n' ${nonce} "$(${ID} -u)"`;
  switch (platform) {
    case 'linux':
      return { name: PROMPT_NAMES.linux, file: PKEXEC, args: [SH, '-c', posixProof], proofFile: null };
    case 'darwin':
      return {
        name: PROMPT_NAMES.darwin,
        file: OSASCRIPT,
        args: ['-e', `do shell script "${posixProof.replaceAll('"', '\\"')}" with administrator privileges`],
        proofFile: null,
      };
    case 'win32': {
      const inner = [
        '$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())',
        '$admin = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)',
        `Set-Content -LiteralPath '${proofFile.replaceAll("'", "''")}' -Value ("${PROOF_TAG} ${nonce} admin=" + $admin)`,
      ].join('; ');
      const outer = `Start-Process -FilePath '${POWERSHELL}' -Verb RunAs -Wait -WindowStyle Hidden -ArgumentList '-NoProfile','-NonInteractive','-EncodedCommand','${encodePowerShell(inner)}'`;
      return {
        name: PROMPT_NAMES.win32,
        file: POWERSHELL,
        args: ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodePowerShell(outer)],
        proofFile,
      };
    }
  }
}

function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
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

/** Reads the child's answer: approved only with the proof line for this nonce. */
export function interpretPrompt(platform: PromptPlatform, nonce: string, result: ChildResult): ElevationOutcome {
  const name = PROMPT_NAMES[platform];
  if (result.spawnError)
    return { kind: 'unavailable', message: `${name} could not be started (${result.spawnError}); admin unlock needs it` };
  if (result.timedOut) return { kind: 'cancelled', message: `${name} was not answered in time; nothing was unlocked` };
  const said = `${result.stdout}\n${result.stderr}`;
  if (result.exitCode !== 0) return failed(platform, name, result.exitCode, said);
  const mark = platform === 'win32' ? WINDOWS_MARK : POSIX_MARK;
  const proof = result.stdout.split(/\r?\n/).find((line) => line.trim() === `${PROOF_TAG} ${nonce} ${mark}`);
  if (proof) return { kind: 'approved', proof: proof.trim() };
  const claimed = result.stdout.split(/\r?\n/).find((line) => line.startsWith(`${PROOF_TAG} ${nonce} `));
  return {
    kind: 'refused',
    message: claimed
      ? `the elevated child did not run as administrator (${claimed.slice(PROOF_TAG.length + nonce.length + 2)}); nothing was unlocked`
      : `${name} ended without proof that it ran elevated; nothing was unlocked`,
  };
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
