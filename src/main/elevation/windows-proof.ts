/**
 * Windows: where the UAC child leaves its proof, and the PowerShell around it — the prompt, the
 * elevated child that writes the proof, and the check that afterwards asks Windows, without
 * elevation, who owns the proof and who may change it (windows-proof-judge.ts decides).
 *
 * The nonce travels in the prompt's command line, which every program of the trader can read, so
 * a proof in a folder the trader can write (such as %TEMP%) proves nothing. This one is a file
 * owned by Administrators: a program without administrator rights can neither create a file with
 * that owner nor take one over. The child creates it with its owner and access list in one step and
 * holds it unshared while writing, so no other program ever has it open for writing; the check
 * reads the owner, the access list and the line through one handle, so what it reads is what it
 * judged. The folders above it are the administrators' own too, so nothing in the path can be
 * swapped.
 */
import { PROOF_TAG } from './proof-line';

export const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/**
 * Fixed, like POWERSHELL: %ProgramData% is an environment variable, which the trader's own
 * programs can point elsewhere for Risk Warden's next start.
 */
export const PROOF_FOLDERS = ['C:\\ProgramData\\RiskWarden', 'C:\\ProgramData\\RiskWarden\\unlock-proofs'] as const;

export const ADMINISTRATORS = 'S-1-5-32-544';
export const SYSTEM = 'S-1-5-18';

/** The elevated child's mark: the result of its Administrator role check. */
export const WINDOWS_MARK = 'admin=True';
/** The check's answer is the one stdout line starting with this, then JSON. */
export const REPORT_TAG = 'riskwarden-proof-report';

export interface WindowsCommand {
  file: string;
  args: string[];
}

export function proofFile(nonce: string): string {
  return `${PROOF_FOLDERS[1]}\\proof-${nonce}.txt`;
}

/**
 * The elevated child's whole command line goes through ShellExecuteEx, which limits it to about
 * 2,048 characters (INTERNET_MAX_URL_LENGTH), so the child's script travels as plain text after
 * -Command rather than base64 of UTF-16 (2.7 times longer). powershell.exe splits that text into
 * arguments and joins them again with single spaces, dropping double quotes, so the script has no
 * double quote, tab, line break or double space; elevatedChildScript checks that.
 */
export const ELEVATED_COMMAND_LIMIT = 2_000;

/** The non-elevated PowerShell that asks UAC to start the elevated child and waits for it. */
export function windowsPrompt(nonce: string): WindowsCommand {
  const elevated = ['-NoProfile', '-NonInteractive', '-Command', elevatedChildScript(nonce)];
  if (elevated.join(' ').length > ELEVATED_COMMAND_LIMIT) throw new Error('the elevated child command is longer than ShellExecuteEx takes');
  const child = elevated.map(psQuote).join(',');
  const outer = `Start-Process -FilePath ${psQuote(POWERSHELL)} -Verb RunAs -Wait -WindowStyle Hidden -ArgumentList ${child}`;
  return { file: POWERSHELL, args: ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodePowerShell(outer)] };
}

/** The non-elevated PowerShell that reports what Windows says about the proof, for the judge. */
export function proofCheck(nonce: string): WindowsCommand {
  return { file: POWERSHELL, args: ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodePowerShell(checkScript(nonce))] };
}

/**
 * Security descriptors in SDDL: owner Administrators (O:BA), an access list that inherits nothing
 * (D:P) and grants full control (FA) to Administrators (BA) and SYSTEM (SY), and to Users (BU)
 * reading only: for a folder list, traverse and read (0x1200a9, passed on to what it holds, OICI),
 * for the file read (0x120089).
 */
const FOLDER_GUARD = 'O:BAD:P(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;BU)';
const FILE_GUARD = 'O:BAD:P(A;;FA;;;BA)(A;;FA;;;SY)(A;;0x120089;;;BU)';

/**
 * Runs elevated. A folder in the path that is not the administrators' own (any user may create
 * folders in ProgramData, so a trader could have made these in advance, or made them junctions) is
 * moved aside, never repaired or emptied: deleting a user's tree with administrator rights could
 * follow a junction into anything. Each folder then gets FOLDER_GUARD — only Owner and Access are
 * written, as writing the audit list would need a privilege the child has not enabled. Older proofs
 * are removed here, as the trader's own process may change nothing in this folder. The proof file
 * is created with FILE_GUARD in the same call and held unshared while written.
 */
function elevatedChildScript(nonce: string): string {
  const script = [
    "$ErrorActionPreference = 'Stop'",
    `$nonce = '${nonce}'`,
    `$proofs = ${psQuote(PROOF_FOLDERS[1])}`,
    `$ours = '${ADMINISTRATORS}', '${SYSTEM}'`,
    // A folder, not a junction or link, owned by Administrators or SYSTEM.
    'function Test-Ours($path) { try { $item = Get-Item -LiteralPath $path -Force; ' +
      '$item.PSIsContainer -and -not $item.Attributes.HasFlag([IO.FileAttributes]::ReparsePoint) -and ' +
      '($item.GetAccessControl().GetOwner([Security.Principal.SecurityIdentifier]).Value -in $ours) } catch { $false } }',
    '$guard = New-Object Security.AccessControl.DirectorySecurity',
    `$guard.SetSecurityDescriptorSddlForm('${FOLDER_GUARD}', 'Owner, Access')`,
    'foreach ($folder in (Split-Path $proofs), $proofs) { ' +
      'if (-not (Test-Ours $folder) -and (Test-Path -LiteralPath $folder)) { ' +
      "Rename-Item -LiteralPath $folder -NewName ((Split-Path -Leaf $folder) + '.untrusted-' + $nonce) }; " +
      '[void][IO.Directory]::CreateDirectory($folder, $guard); ' +
      'if (-not (Test-Ours $folder)) { throw $folder }; ' +
      '[IO.Directory]::SetAccessControl($folder, $guard) }',
    "Get-ChildItem -LiteralPath $proofs -Filter 'proof-*.txt' -File -Force | Remove-Item -Force -ErrorAction Ignore",
    '$admin = (New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent()))' +
      '.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)',
    `$bytes = [Text.Encoding]::ASCII.GetBytes('${PROOF_TAG} ' + $nonce + ' admin=' + $admin)`,
    '$guard = New-Object Security.AccessControl.FileSecurity',
    `$guard.SetSecurityDescriptorSddlForm('${FILE_GUARD}', 'Owner, Access')`,
    "$stream = New-Object IO.FileStream(($proofs + '\\proof-' + $nonce + '.txt'), 'CreateNew', 'Write', 'None', 4096, 'None', $guard)",
    'try { $stream.Write($bytes, 0, $bytes.Length) } finally { $stream.Dispose() }',
  ].join('; ');
  if (/["\t\r\n]| {2}/.test(script)) throw new Error('the elevated child script would not survive powershell.exe -Command');
  return script;
}

/**
 * Runs as the trader, changes nothing, and prints one line: REPORT_TAG and JSON with, for each
 * folder and the proof file, whether it exists, is a folder, is a reparse point (junction or
 * link), its owner SID, its allow and deny entries (SID, type, rights mask), when it was created,
 * and for the file its first 4 KB. A file's owner, entries and text come from one open handle.
 */
function checkScript(nonce: string): string {
  const [home, proofs] = PROOF_FOLDERS.map(psQuote);
  return [
    "$ErrorActionPreference = 'Stop'",
    // Windows PowerShell 5.1 otherwise writes some arrays as {"value":[…],"Count":n}.
    'Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue',
    'function Read-Security($entry, $security) {',
    '  $sid = [Security.Principal.SecurityIdentifier]',
    '  $entry.owner = $security.GetOwner($sid).Value',
    '  $entry.aces = @($security.GetAccessRules($true, $true, $sid) | ForEach-Object {',
    '    [ordered]@{ sid = $_.IdentityReference.Value; type = [string]$_.AccessControlType; rights = [int]($_.FileSystemRights) }',
    '  })',
    '}',
    'function Read-Item($path) {',
    '  $entry = [ordered]@{',
    '    path = $path; exists = $false; directory = $false; reparsePoint = $false',
    '    owner = $null; aces = @(); createdMs = $null; text = $null; error = $null',
    '  }',
    '  try {',
    '    $item = Get-Item -LiteralPath $path -Force',
    '    $entry.exists = $true',
    '    $entry.directory = $item.PSIsContainer',
    '    $entry.reparsePoint = $item.Attributes.HasFlag([IO.FileAttributes]::ReparsePoint)',
    '    $entry.createdMs = ([DateTimeOffset]($item.CreationTimeUtc)).ToUnixTimeMilliseconds()',
    '    if ($item.PSIsContainer) { Read-Security $entry (Get-Acl -LiteralPath $path) } else {',
    '      $stream = New-Object IO.FileStream($path, [IO.FileMode]::Open, [IO.FileAccess]::Read, [IO.FileShare]::Read)',
    '      try {',
    '        Read-Security $entry ($stream.GetAccessControl())',
    '        $buffer = New-Object byte[] 4096',
    '        $entry.text = [Text.Encoding]::ASCII.GetString($buffer, 0, $stream.Read($buffer, 0, $buffer.Length))',
    '      } finally { $stream.Dispose() }',
    '    }',
    '  } catch { $entry.error = $_.Exception.Message }',
    '  $entry',
    '}',
    `$report = [ordered]@{ folders = @((Read-Item ${home}), (Read-Item ${proofs})); file = (Read-Item ${psQuote(proofFile(nonce))}) }`,
    // Straight to stdout: PowerShell's formatting could wrap a long line.
    `[Console]::Out.WriteLine('${REPORT_TAG} ' + (ConvertTo-Json -InputObject $report -Depth 8 -Compress))`,
  ].join('\n');
}

/** A PowerShell single-quoted string; only printable ASCII, as PowerShell also reads typographic quotes as quotes. */
export function psQuote(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`cannot quote ${JSON.stringify(text)} for PowerShell: only printable ASCII`);
  return `'${text.replaceAll("'", "''")}'`;
}

function encodePowerShell(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}
