/**
 * What the Windows proof check prints (windows-proof.ts), as Windows PowerShell 5.1 would for real
 * folders and files: SIDs, allow/deny types and FileSystemRights masks as Get-Acl reports them.
 */
import type { ProofEntry, ProofReport } from '../../../src/main/elevation/windows-proof-judge';
import { PROOF_FOLDERS, proofFile, REPORT_TAG } from '../../../src/main/elevation/windows-proof';

export const ADMINS = 'S-1-5-32-544';
export const SYSTEM = 'S-1-5-18';
export const USERS = 'S-1-5-32-545';
export const AUTHENTICATED_USERS = 'S-1-5-11';
export const EVERYONE = 'S-1-1-0';
export const CREATOR_OWNER = 'S-1-3-0';
/** The trader's own account: what owns anything a program of theirs creates. */
export const TRADER = 'S-1-5-21-3623811015-3361044348-30300820-1013';

/** FileSystemRights as Get-Acl gives them: [int]$rule.FileSystemRights. */
export const RIGHTS = {
  fullControl: 2_032_127, // 0x1F01FF
  modify: 1_245_631, // 0x1301BF
  readAndExecute: 1_179_817, // 0x1200A9, with Synchronize
  read: 1_179_785, // 0x120089, with Synchronize
  /** CreateFiles, AppendData, WriteExtendedAttributes, WriteAttributes: what ProgramData gives Users on subfolders. */
  programDataUsers: 278,
  genericAll: 268_435_456, // 0x10000000, CREATOR OWNER's inherit-only entry
  genericRead: -2_147_483_648, // 0x80000000 read back as a signed int
} as const;

/** When the prompt started in these reports, and when the child then wrote its proof. */
export const STARTED_AT = Date.parse('2026-03-02T14:30:00.000Z');
export const WRITTEN_AT = STARTED_AT + 4_317;
const FOLDERS_MADE_AT = Date.parse('2026-01-12T09:00:00.000Z');

export const allow = (sid: string, rights: number) => ({ sid, type: 'Allow', rights });
export const deny = (sid: string, rights: number) => ({ sid, type: 'Deny', rights });

/** The folders and file exactly as the elevated child leaves them. */
export function genuineReport(nonce: string): ProofReport {
  const folder = (path: string): ProofEntry => ({
    path,
    exists: true,
    directory: true,
    reparsePoint: false,
    owner: ADMINS,
    aces: [allow(ADMINS, RIGHTS.fullControl), allow(SYSTEM, RIGHTS.fullControl), allow(USERS, RIGHTS.readAndExecute)],
    createdMs: FOLDERS_MADE_AT,
    text: null,
    error: null,
  });
  return {
    folders: [folder(PROOF_FOLDERS[0]), folder(PROOF_FOLDERS[1])],
    file: {
      path: proofFile(nonce),
      exists: true,
      directory: false,
      reparsePoint: false,
      owner: ADMINS,
      aces: [allow(ADMINS, RIGHTS.fullControl), allow(SYSTEM, RIGHTS.fullControl), allow(USERS, RIGHTS.read)],
      createdMs: WRITTEN_AT,
      text: `riskwarden-elevated ${nonce} admin=True`,
      error: null,
    },
  };
}

/** A genuine report with one folder (0, 1) or the file changed. */
export function changed(nonce: string, what: 0 | 1 | 'file', change: Partial<ProofEntry>): ProofReport {
  const report = genuineReport(nonce);
  if (what === 'file') return { ...report, file: { ...report.file, ...change } };
  const folders = report.folders.map((folder, index) => (index === what ? { ...folder, ...change } : folder));
  return { ...report, folders };
}

/** The check's stdout: Windows line ends, the one report line. */
export function printed(report: ProofReport): string {
  return `${REPORT_TAG} ${JSON.stringify(report)}\r\n`;
}
