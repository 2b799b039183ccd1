/**
 * The decision on a Windows proof, from what Windows said about it (the check in windows-proof.ts):
 * approved only when the proof file could have been written by an administrator alone, in this
 * attempt, as administrator. Pure: the check's output, the nonce and the prompt's start in, an
 * outcome out; every refusal says why and that nothing was unlocked.
 */
import { z } from 'zod';
import type { ElevationOutcome } from './elevator';
import { markFor, proofLine } from './proof-line';
import { ADMINISTRATORS, PROOF_FOLDERS, proofFile, REPORT_TAG, SYSTEM, WINDOWS_MARK } from './windows-proof';

const AceSchema = z.object({ sid: z.string(), type: z.string(), rights: z.number().int() });
const EntrySchema = z.object({
  path: z.string(),
  exists: z.boolean(),
  directory: z.boolean(),
  reparsePoint: z.boolean(),
  owner: z.string().nullable(),
  aces: z.array(AceSchema),
  createdMs: z.number().nullable(),
  text: z.string().nullable(),
  error: z.string().nullable(),
});
export const ProofReportSchema = z.object({ folders: z.array(EntrySchema), file: EntrySchema });
export type ProofReport = z.infer<typeof ProofReportSchema>;
export type ProofEntry = z.infer<typeof EntrySchema>;

/**
 * The only owners and writers a proof may have. TrustedInstaller is not needed: the folders' access
 * lists are set whole and inherit nothing from ProgramData.
 */
const TRUSTED: ReadonlySet<string> = new Set([ADMINISTRATORS, SYSTEM]);

/** Access rights that change an object or what it holds (winnt.h); reading, listing and traversing are not among them. */
const WRITE_RIGHTS: readonly (readonly [number, string])[] = [
  [0x2, 'write data or add files'],
  [0x4, 'append data or add folders'],
  [0x10, 'write extended attributes'],
  [0x40, 'delete what it holds'],
  [0x100, 'write attributes'],
  [0x1_0000, 'delete'],
  [0x4_0000, 'change permissions'],
  [0x8_0000, 'take ownership'],
  [0x1000_0000, 'generic all'],
  [0x4000_0000, 'generic write'],
];
const WRITE_MASK = WRITE_RIGHTS.reduce((mask, [bit]) => mask | bit, 0);

const WELL_KNOWN: Record<string, string> = {
  [ADMINISTRATORS]: 'Administrators',
  [SYSTEM]: 'SYSTEM',
  'S-1-5-32-545': 'Users',
  'S-1-5-11': 'Authenticated Users',
  'S-1-5-4': 'INTERACTIVE',
  'S-1-1-0': 'Everyone',
  'S-1-3-0': 'CREATOR OWNER',
};

export function judgeWindowsProof(output: string, nonce: string, startedAt: number): ElevationOutcome {
  const report = readReport(output);
  if (typeof report === 'string') return refused(`the check of the UAC proof gave no answer Risk Warden can read (${report})`);
  const expected = proofFile(nonce);
  const folders = report.folders.map((folder) => folder.path);
  if (folders.join('\n') !== PROOF_FOLDERS.join('\n') || report.file.path !== expected)
    return refused(`the check of the UAC proof looked somewhere else than ${expected}`);
  if (!report.file.exists) return refused(`UAC ended without a proof from the elevated child (no ${expected})`);
  for (const folder of report.folders) {
    const doubt = doubtAbout(folder, 'folder');
    if (doubt) return refused(doubt);
  }
  const doubt = doubtAbout(report.file, 'file');
  if (doubt) return refused(doubt);
  const { createdMs, text } = report.file;
  if (createdMs === null || createdMs < startedAt)
    return refused(
      `the proof file is older than this prompt (made ${createdMs === null ? 'at an unknown time' : new Date(createdMs).toISOString()})`,
    );
  const line = (text ?? '').trim();
  if (line === proofLine(nonce, WINDOWS_MARK)) return { kind: 'approved', proof: line };
  const mark = markFor(line, nonce);
  if (mark !== null) return refused(`the elevated child did not run as administrator (${mark})`);
  return refused("the proof file does not carry this attempt's nonce");
}

/** Why this folder or file may hold something a program without administrator rights put there, or null. */
function doubtAbout(entry: ProofEntry, kind: 'folder' | 'file'): string | null {
  const what = `the proof ${kind} ${entry.path}`;
  if (!entry.exists) return `${what} is missing`;
  if (entry.error !== null) return `${what} could not be read (${entry.error})`;
  if (entry.reparsePoint) return `${what} is a junction or link, so it may lead somewhere a user can write`;
  if (entry.directory !== (kind === 'folder')) return `${what} is not a ${kind}`;
  if (entry.owner === null || !TRUSTED.has(entry.owner)) {
    const owner = `${what} is owned by ${nameOf(entry.owner)}, not by Administrators or SYSTEM`;
    return `${owner}, so a program without administrator rights could have made it`;
  }
  // Deny entries only take rights away; any other entry is read as granting (an unknown type fails closed).
  const writer = entry.aces.find((ace) => ace.type !== 'Deny' && !TRUSTED.has(ace.sid) && (ace.rights & WRITE_MASK) !== 0);
  if (writer) return `${what} can be changed by ${nameOf(writer.sid)} (${rightsIn(writer.rights)}), not only by Administrators and SYSTEM`;
  return null;
}

/** The one report line of the check, parsed; or why there is none. */
function readReport(output: string): ProofReport | string {
  const lines = output.split(/\r?\n/).filter((line) => line.startsWith(`${REPORT_TAG} `));
  if (lines.length !== 1) return `${lines.length} report lines`;
  let json: unknown;
  try {
    json = JSON.parse(lines[0]!.slice(REPORT_TAG.length + 1));
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const parsed = ProofReportSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || 'report'}: ${issue?.message ?? 'unexpected shape'}`;
}

function nameOf(sid: string | null): string {
  if (sid === null) return 'no one';
  const name = WELL_KNOWN[sid];
  return name ? `${name} (${sid})` : sid;
}

function rightsIn(rights: number): string {
  return WRITE_RIGHTS.filter(([bit]) => (rights & bit) !== 0)
    .map(([, name]) => name)
    .join(', ');
}

function refused(why: string): ElevationOutcome {
  return { kind: 'refused', message: `${why}; nothing was unlocked` };
}
