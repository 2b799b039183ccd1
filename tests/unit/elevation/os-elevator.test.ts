import { spawn as nodeSpawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OsElevator, spawnPrompt } from '../../../src/main/elevation/os-elevator';
import { promptCommand, promptEnvironment } from '../../../src/main/elevation/os-prompt';
import { runChild } from '../../../src/main/elevation/run-child';
import { TestElevator } from '../../../src/main/elevation/test-elevator';
import { fakeSpawn, newSeen, type Answer } from './fake-prompt';

const linux = (answer: Answer, extra: Partial<ConstructorParameters<typeof OsElevator>[0]> = {}) =>
  new OsElevator({ platform: 'linux', exists: () => true, spawn: fakeSpawn(answer), ...extra });

afterEach(() => vi.useRealTimers());

describe('OS elevation prompt', () => {
  it('approves only when the elevated child prints the proof line for this nonce with uid 0', async () => {
    const seen = newSeen();
    const outcome = await new OsElevator({
      platform: 'linux',
      exists: () => true,
      spawn: fakeSpawn({ stdout: 'riskwarden-elevated NONCE uid=0\n' }, seen),
    }).elevate();
    expect(outcome).toEqual({ kind: 'approved', proof: expect.stringMatching(/^riskwarden-elevated [0-9a-f]{32} uid=0$/) });
    expect(seen.file).toBe('/usr/bin/pkexec');
    expect(seen.args?.[0]).toBe('/bin/sh');
  });

  it.each<[string, Answer, string, RegExp]>([
    [
      'a wrong password (pkexec 127)',
      { exitCode: 127, stderr: 'Error executing command as another user: Not authorized' },
      'denied',
      /password was not accepted/,
    ],
    ['a dismissed dialog (pkexec 126)', { exitCode: 126, stderr: 'Request dismissed' }, 'cancelled', /dismissed/],
    [
      'no polkit agent',
      { exitCode: 127, stderr: 'Error executing command as another user: No authentication agent found.' },
      'unavailable',
      /no way to ask for a password/,
    ],
    ['a child that exits 0 without proof', { exitCode: 0, stdout: 'ok\n' }, 'refused', /without proof/],
    [
      'a child that ran as a normal user',
      { exitCode: 0, stdout: 'riskwarden-elevated NONCE uid=1000\n' },
      'refused',
      /did not run as administrator \(uid=1000\)/,
    ],
    [
      'a proof line from another attempt',
      { exitCode: 0, stdout: 'riskwarden-elevated 0123456789abcdef0123456789abcdef uid=0\n' },
      'refused',
      /without proof/,
    ],
    ['a prompt that cannot start', { error: 'EACCES' }, 'unavailable', /could not be started \(EACCES\)/],
  ])('reads %s as %s', async (_what, answer, kind, message) => {
    const outcome = await linux(answer).elevate();
    expect(outcome.kind).toBe(kind);
    expect('message' in outcome && outcome.message).toMatch(message);
  });

  it('says the prompt is unavailable when pkexec is not installed, without running anything', async () => {
    const spawn = vi.fn();
    expect(await new OsElevator({ platform: 'linux', exists: () => false, spawn }).elevate()).toEqual({
      kind: 'unavailable',
      message: '/usr/bin/pkexec is not installed; admin unlock needs pkexec',
    });
    expect(spawn).not.toHaveBeenCalled();
  });

  it('says the prompt is unavailable on a platform without one', async () => {
    expect(await new OsElevator({ platform: 'aix' }).elevate()).toMatchObject({
      kind: 'unavailable',
      message: 'admin unlock has no elevation prompt on aix',
    });
  });

  it('counts a prompt left unanswered past the deadline as cancelled and kills it', async () => {
    vi.useFakeTimers();
    const pending = linux({ hang: true }, { timeoutMs: 60_000 }).elevate();
    await vi.advanceTimersByTimeAsync(60_001);
    expect(await pending).toMatchObject({ kind: 'cancelled', message: expect.stringMatching(/not answered in time/) });
  });

  it('reads the macOS prompt: proof approves, -128 is a cancel, anything else a denial', async () => {
    const mac = (answer: Answer) => new OsElevator({ platform: 'darwin', exists: () => true, spawn: fakeSpawn(answer) }).elevate();
    expect((await mac({ stdout: 'riskwarden-elevated NONCE uid=0' })).kind).toBe('approved');
    expect((await mac({ exitCode: 1, stderr: 'execution error: User canceled. (-128)' })).kind).toBe('cancelled');
    expect(
      (await mac({ exitCode: 1, stderr: 'execution error: The administrator user name or password was incorrect. (-60007)' })).kind,
    ).toBe('denied');
  });

  it('runs every prompt by an absolute path', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const command = promptCommand(platform, 'ab'.repeat(16));
      expect(command.file).toMatch(/^(\/|C:\\)/);
    }
    expect(() => promptCommand('linux', 'not hex; rm -rf /')).toThrow(/hex/);
  });

  it('collects a real child process output and exit code', async () => {
    const spawn = (file: string, args: string[]) => nodeSpawn(file, args);
    expect(await runChild(spawn, '/bin/sh', ['-c', 'echo out; echo err >&2; exit 3'], 10_000)).toEqual({
      exitCode: 3,
      stdout: 'out\n',
      stderr: 'err\n',
      spawnError: null,
      timedOut: false,
    });
    expect((await runChild(spawn, '/nonexistent/prompt', [], 10_000)).spawnError).toBe('ENOENT');
  });
});

/** What a trader's shell may hold when Risk Warden starts: secrets, loader hooks and a PATH of their own. */
const PARENT_ENV: NodeJS.ProcessEnv = {
  RW_API_KEY: 'key-of-the-live-account',
  RW_LOG_LEVEL: 'info',
  RW_TEST_MAX_SOCKETS: '4',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  GITHUB_TOKEN: 'ghp_token',
  DB_PASSWORD: 'hunter2',
  NODE_OPTIONS: '--require /tmp/evil.js',
  ELECTRON_RUN_AS_NODE: '1',
  LD_PRELOAD: '/tmp/evil.so',
  DYLD_INSERT_LIBRARIES: '/tmp/evil.dylib',
  PATH: '/tmp/evil:/usr/bin',
  Path: 'C:\\evil;C:\\Windows\\System32',
  HOME: '/home/trader',
  LANG: 'de_DE.UTF-8',
  LC_ALL: 'de_DE.UTF-8',
  DISPLAY: ':0',
  WAYLAND_DISPLAY: 'wayland-0',
  XAUTHORITY: '/home/trader/.Xauthority',
  SystemRoot: 'C:\\Windows',
  SYSTEMDRIVE: 'C:',
  TEMP: 'C:\\Users\\trader\\AppData\\Local\\Temp',
};
const SECRETS = ['key-of-the-live-account', 'aws-secret', 'ghp_token', 'hunter2', 'evil'];

describe("the elevation child's environment", () => {
  it.each([
    [
      'linux',
      {
        PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
        LANG: 'de_DE.UTF-8',
        LC_ALL: 'de_DE.UTF-8',
        DISPLAY: ':0',
        WAYLAND_DISPLAY: 'wayland-0',
        XAUTHORITY: '/home/trader/.Xauthority',
      },
    ],
    ['darwin', { PATH: '/usr/bin:/bin:/usr/sbin:/sbin', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', HOME: '/home/trader' }],
    [
      'win32',
      {
        Path: 'C:\\Windows\\System32;C:\\Windows;C:\\Windows\\System32\\WindowsPowerShell\\v1.0',
        SystemRoot: 'C:\\Windows',
        SystemDrive: 'C:',
        TEMP: 'C:\\Users\\trader\\AppData\\Local\\Temp',
      },
    ],
  ] as const)(
    'gives the %s prompt only what it needs: no RW_* variable, no secret, no loader hook, a fixed PATH',
    async (platform, expected) => {
      const seen = newSeen();
      await new OsElevator({
        platform,
        exists: () => true,
        env: PARENT_ENV,
        spawn: fakeSpawn({ stdout: 'riskwarden-elevated NONCE uid=0\n' }, seen),
      }).elevate();
      // Windows starts two: the prompt and, after it, the non-elevated check of its proof.
      expect(seen.calls).toHaveLength(platform === 'win32' ? 2 : 1);
      for (const call of seen.calls) expect(call.env).toEqual(expected);
      expect(Object.keys(seen.env!).filter((name) => /^RW_|NODE_|ELECTRON_|LD_|DYLD_|SECRET|TOKEN|PASSWORD|KEY/i.test(name))).toEqual([]);
      for (const secret of SECRETS) expect(JSON.stringify(seen.env)).not.toContain(secret);
    },
  );

  it('builds the Windows PATH from the system folder, never from the parent PATH', () => {
    expect(promptEnvironment('win32', { SystemRoot: 'D:\\Win', Path: 'C:\\evil' }).Path).toBe(
      'D:\\Win\\System32;D:\\Win;D:\\Win\\System32\\WindowsPowerShell\\v1.0',
    );
    expect(promptEnvironment('win32', { SystemRoot: 'C:\\evil"&calc', Path: 'C:\\evil' })).toMatchObject({ SystemRoot: 'C:\\Windows' });
  });

  it('hands the real child exactly that environment and nothing of the parent', async () => {
    process.env.RW_API_KEY_PROBE = 'must-not-leak';
    try {
      const env = { PATH: '/usr/bin:/bin', LANG: 'C' };
      const result = await runChild(spawnPrompt, '/usr/bin/env', [], 10_000, env);
      expect(result.stdout.trim().split('\n').sort()).toEqual(['LANG=C', 'PATH=/usr/bin:/bin']);
    } finally {
      delete process.env.RW_API_KEY_PROBE;
    }
  });
});

describe('test elevator', () => {
  it.each([
    ['approve', 'approved'],
    ['deny', 'denied'],
    ['cancel', 'cancelled'],
    ['unavailable', 'unavailable'],
    ['no-proof', 'refused'],
  ] as const)('answers %s the way the OS prompt would (%s)', async (answer, kind) => {
    expect(
      (
        await new TestElevator(
          () => answer,
          (id) => id === 7001,
        ).elevate({ accountId: 7001, purpose: 'unlock' })
      ).kind,
    ).toBe(kind);
  });

  it('refuses an account the simulator does not have, whatever the scripted answer: a real account needs the OS prompt', async () => {
    const answer = vi.fn(() => 'approve' as const);
    const outcome = await new TestElevator(answer, (id) => id === 7001).elevate({ accountId: 13_579, purpose: 'unlock account 13579' });
    expect(outcome).toEqual({
      kind: 'refused',
      message:
        "the test elevator answers only for the simulator's accounts and 13579 is not one of them; a real account is unlocked through the OS prompt — nothing was unlocked",
    });
    expect(answer).not.toHaveBeenCalled();
  });
});
