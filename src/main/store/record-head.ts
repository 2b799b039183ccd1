/**
 * riskwarden.head, beside the database: which database this folder's records belong to, how far its
 * writes had got (a generation counted at every checkpoint) and the end of its record chain, sealed
 * with the records key. It is what tells, at start, that the database was emptied, replaced by
 * another or an older copy, lost its write-ahead log, or had its newest records cut — none of which
 * the database can tell about itself.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { writePrivateFile } from './data-folder';

export const HEAD_FILE = 'riskwarden.head';

const RecordHeadSchema = z.object({
  database: z.string(),
  generation: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  mac: z.string(),
  at: z.string(),
});
export type RecordHead = z.infer<typeof RecordHeadSchema>;

export type HeadRead =
  | { kind: 'missing' }
  | { kind: 'unreadable'; why: string }
  /** `sealed`: its seal verified with the key; false when the key is lost or the file was edited. */
  | { kind: 'found'; head: RecordHead; sealed: boolean };

export function readHead(file: string, key: Buffer | null): HeadRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', why: (error as Error).message };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', why: 'it is not JSON' };
  }
  const head = RecordHeadSchema.safeParse(parsed);
  if (!head.success) return { kind: 'unreadable', why: 'it does not have the fields Risk Warden writes' };
  const seal = (parsed as { seal?: unknown }).seal;
  return { kind: 'found', head: head.data, sealed: key !== null && seal === sealOf(head.data, key) };
}

export function writeHead(file: string, key: Buffer, head: RecordHead): void {
  writePrivateFile(file, `${JSON.stringify({ ...head, seal: sealOf(head, key) })}\n`);
}

function sealOf(head: RecordHead, key: Buffer): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([head.database, head.generation, head.seq, head.mac, head.at]))
    .digest('hex');
}
