import { afterEach, describe, expect, it, vi } from 'vitest';
import { OsElevator } from '../../../src/main/elevation/os-elevator';
import { promptCommand } from '../../../src/main/elevation/os-prompt';
import { ELEVATED_COMMAND_LIMIT, POWERSHELL, proofCheck, psQuote, windowsPrompt } from '../../../src/main/elevation/windows-proof';
import { decodePowerShell, fakeSpawn, newSeen, type Answer } from './fake-prompt';
import { changed, genuineReport, printed, STARTED_AT, TRADER } from './proof-reports';

const NONCE = '5f0c9e2a71b84d3e9a6c0b1d2e3f4a5b';
const LONGEST_NONCE = 'f'.repeat(64);

/** The values of a PowerShell list of single-quoted strings: 'a','b''c' → a, b'c. */
function psStrings(list: string): string[] {
  const values: string[] = [];
  const item = /'((?:[^']|'')*)'(,|$)/y;
  let match: RegExpExecArray | null;
  while (item.lastIndex < list.length && (match = item.exec(list))) values.push(match[1]!.replaceAll("''", "'"));
  if (item.lastIndex !== list.length) throw new Error(`not a list of single-quoted strings: ${list.slice(item.lastIndex, 60)}`);
  return values;
}

/** The elevated child's arguments, as Start-Process hands them to UAC. */
function elevatedArgs(nonce: string): string[] {
  const outer = decodePowerShell(windowsPrompt(nonce).args);
  const start = `Start-Process -FilePath '${POWERSHELL}' -Verb RunAs -Wait -WindowStyle Hidden -ArgumentList `;
  expect(outer.startsWith(start)).toBe(true);
  return psStrings(outer.slice(start.length));
}

/** (), {} and [] pair up outside single-quoted strings: a cheap guard against a script PowerShell cannot parse. */
function balanced(script: string): boolean {
  const open: string[] = [];
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  for (const token of script.replace(/'(?:[^']|'')*'/g, "''")) {
    if ('({['.includes(token)) open.push(token);
    else if (token in pairs && open.pop() !== pairs[token]) return false;
  }
  return open.length === 0;
}

afterEach(() => vi.useRealTimers());

describe('the Windows prompt command', () => {
  it('runs PowerShell by its absolute path and asks UAC for PowerShell by the same path', () => {
    const command = promptCommand('win32', NONCE);
    expect(command).toMatchObject({ name: 'UAC', file: POWERSHELL });
    expect(command.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-EncodedCommand']);
    expect(elevatedArgs(NONCE).slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
  });

  it('gives the elevated child a script that writes this nonce into the administrators-only proof folder', () => {
    const script = elevatedArgs(NONCE)[3]!;
    expect(script).toContain(`$nonce = '${NONCE}'`);
    expect(script).toContain("$proofs = 'C:\\ProgramData\\RiskWarden\\unlock-proofs'");
    expect(script).toContain('foreach ($folder in (Split-Path $proofs), $proofs)');
    expect(script).toContain(
      "$guard.SetSecurityDescriptorSddlForm('O:BAD:P(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;BU)', 'Owner, Access')",
    );
    expect(script).toContain("$guard.SetSecurityDescriptorSddlForm('O:BAD:P(A;;FA;;;BA)(A;;FA;;;SY)(A;;0x120089;;;BU)', 'Owner, Access')");
    expect(script).toContain(
      "New-Object IO.FileStream(($proofs + '\\proof-' + $nonce + '.txt'), 'CreateNew', 'Write', 'None', 4096, 'None', $guard)",
    );
    expect(script).toContain("[Text.Encoding]::ASCII.GetBytes('riskwarden-elevated ' + $nonce + ' admin=' + $admin)");
    expect(script).not.toMatch(/TEMP|Set-Content/i);
  });

  it('moves a folder that is not the administrators’ own aside instead of deleting into it', () => {
    const script = elevatedArgs(NONCE)[3]!;
    expect(script).toContain("Rename-Item -LiteralPath $folder -NewName ((Split-Path -Leaf $folder) + '.untrusted-' + $nonce)");
    expect(script).not.toMatch(/-Recurse|Remove-Item -LiteralPath \$folder/);
  });

  it('keeps the elevated command within what ShellExecuteEx and powershell.exe -Command pass on unchanged', () => {
    for (const nonce of [NONCE, LONGEST_NONCE]) {
      const args = elevatedArgs(nonce);
      expect(args.join(' ').length).toBeLessThanOrEqual(ELEVATED_COMMAND_LIMIT);
      // powershell.exe splits at spaces and tabs, drops double quotes, and joins what follows -Command with single spaces.
      expect(args[3]).not.toMatch(/["\t\r\n]| {2}/);
      expect(args[3]!.split(/[ \t]+/).join(' ')).toBe(args[3]);
    }
  });

  it('writes scripts whose brackets pair up', () => {
    const outer = decodePowerShell(windowsPrompt(NONCE).args);
    expect(balanced(outer)).toBe(true);
    expect(balanced(elevatedArgs(NONCE)[3]!)).toBe(true);
    expect(balanced(decodePowerShell(proofCheck(NONCE).args))).toBe(true);
    expect(balanced("if ('(' -eq $x) { }")).toBe(true);
    expect(balanced('if ($x) { ')).toBe(false);
  });
});

describe('the Windows proof check command', () => {
  const script = decodePowerShell(proofCheck(NONCE).args);

  it('runs PowerShell by its absolute path, not elevated', () => {
    expect(proofCheck(NONCE)).toMatchObject({
      file: POWERSHELL,
      args: ['-NoProfile', '-NonInteractive', '-EncodedCommand', expect.any(String)],
    });
    expect(script).not.toMatch(/RunAs|Start-Process/);
  });

  it('asks about both folders and this attempt’s proof file, each path single-quoted', () => {
    expect(script).toContain(
      "folders = @((Read-Item 'C:\\ProgramData\\RiskWarden'), (Read-Item 'C:\\ProgramData\\RiskWarden\\unlock-proofs'))",
    );
    expect(script).toContain(`file = (Read-Item 'C:\\ProgramData\\RiskWarden\\unlock-proofs\\proof-${NONCE}.txt')`);
  });

  it('reads the file’s owner, access list and line through one handle, and prints one tagged JSON line', () => {
    expect(script).toContain('Read-Security $entry ($stream.GetAccessControl())');
    expect(script).toContain('$stream.Read($buffer, 0, $buffer.Length)');
    expect(script).toContain('GetAccessRules($true, $true, $sid)');
    expect(script).toContain(
      "[Console]::Out.WriteLine('riskwarden-proof-report ' + (ConvertTo-Json -InputObject $report -Depth 8 -Compress))",
    );
  });

  it('changes nothing', () => {
    expect(script).not.toMatch(/Set-Acl|SetAccessControl|Remove-Item|Rename-Item|New-Item|Set-Content|Out-File|Delete\(|Move/);
  });
});

describe('quoting for PowerShell', () => {
  it('doubles single quotes inside a single-quoted string', () => {
    expect(psQuote("C:\\Users\\o'brien\\proof")).toBe("'C:\\Users\\o''brien\\proof'");
    expect(psStrings(`${psQuote("it's")},${psQuote("''")}`)).toEqual(["it's", "''"]);
  });

  it.each([
    ['a typographic quote, which PowerShell also ends a string with', 'C:\\o‘brien'],
    ['a non-ASCII letter', 'C:\\Jürgen'],
    ['a line break', 'a\nb'],
  ])('refuses %s', (_what, text) => {
    expect(() => psQuote(text)).toThrow(/only printable ASCII/);
  });
});

describe('UAC through OsElevator', () => {
  const win = (answers: Answer[], seen = newSeen(), now = () => STARTED_AT) =>
    new OsElevator({
      platform: 'win32',
      exists: () => true,
      spawn: fakeSpawn(answers, seen),
      now,
      env: { SystemRoot: 'C:\\Windows' },
    }).elevate();

  it('approves after the prompt only on the check’s report, running the check with the prompt’s environment', async () => {
    const seen = newSeen();
    const outcome = await win([{}, { stdout: printed(genuineReport('NONCE')) }], seen);
    expect(outcome).toEqual({ kind: 'approved', proof: expect.stringMatching(/^riskwarden-elevated [0-9a-f]{32} admin=True$/) });
    const nonce = /[0-9a-f]{32}/.exec(outcome.kind === 'approved' ? outcome.proof : '')![0];
    expect(seen.calls.map((call) => call.file)).toEqual([POWERSHELL, POWERSHELL]);
    expect(seen.calls[0]!.args).toEqual(windowsPrompt(nonce).args);
    expect(seen.calls[1]!.args).toEqual(proofCheck(nonce).args);
    expect(seen.calls[1]!.env).toEqual(seen.calls[0]!.env);
  });

  it('refuses what a same-user program can do: print the proof line, end PowerShell with 0, leave a file of its own', async () => {
    const forged = { stdout: 'riskwarden-elevated NONCE admin=True\r\n' };
    const noFile = printed(changed('NONCE', 'file', { exists: false, owner: null, aces: [], createdMs: null, text: null }));
    expect(await win([forged, { stdout: noFile }])).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/^UAC ended without a proof/),
    });
    const ownFile = printed(changed('NONCE', 'file', { owner: TRADER }));
    expect(await win([forged, { stdout: ownFile }])).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/is owned by S-1-5-21-/),
    });
  });

  it('refuses a proof file older than the prompt', async () => {
    const outcome = await win([{}, { stdout: printed(genuineReport('NONCE')) }], newSeen(), () => STARTED_AT + 60_000);
    expect(outcome).toMatchObject({ kind: 'refused', message: expect.stringMatching(/older than this prompt/) });
  });

  it('does not check anything when UAC was cancelled', async () => {
    const seen = newSeen();
    const cancelled = {
      exitCode: 1,
      stderr: 'Start-Process : This command cannot be run due to the error: The operation was canceled by the user.',
    };
    expect((await win([cancelled], seen)).kind).toBe('cancelled');
    expect(seen.calls).toHaveLength(1);
  });

  it.each<[string, Answer, RegExp]>([
    ['cannot start', { error: 'EACCES' }, /^the UAC proof could not be checked \(EACCES\); nothing was unlocked$/],
    [
      'fails',
      { exitCode: 1, stderr: 'ConvertTo-Json : The converted JSON string is in bad format.\r\n' },
      /^the UAC proof could not be checked \(exit 1: ConvertTo-Json : The converted JSON string is in bad format\.\); nothing was unlocked$/,
    ],
  ])('refuses when the check %s', async (_what, check, message) => {
    expect(await win([{}, check])).toEqual({ kind: 'refused', message: expect.stringMatching(message) });
  });

  it('refuses when the check does not answer in time', async () => {
    vi.useFakeTimers();
    const pending = win([{}, { hang: true }]);
    // The prompt's own fake timers take a few milliseconds before the check starts.
    await vi.advanceTimersByTimeAsync(30_100);
    expect(await pending).toMatchObject({ kind: 'refused', message: expect.stringMatching(/could not be checked \(no answer in time\)/) });
  });
});
