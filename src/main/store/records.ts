/**
 * Start checks the sealed records (record-chain.ts) before anything reads them, and judges what it
 * finds by one principle: the stricter state wins.
 *
 * - The database is refused, with what to do, when riskwarden.head shows it is not the one the
 *   records were last written to: emptied or deleted, replaced by another, an older copy or one that
 *   lost its write-ahead log, or with its newest records cut. Starting would forget a lock.
 * - A sealed row that was altered or removed is put back as it was sealed; a lock any entry of the
 *   chain shows in force stays in force unless a trusted entry cleared it.
 * - A row never sealed counts only where it is stricter: a lock is kept, an admin override or a
 *   config in force is dropped, an audit row is kept (overrides are judged by sealed rows only).
 * - Records found without a chain or a head (a database from before sealing, or one whose chain
 *   and head were removed) are sealed as they are, and that is said: what happened before cannot
 *   be known.
 * - Whatever was found is audited (the 'records altered' row the dashboard shows all day) and
 *   the chain is sealed again over the rows as judged.
 *
 * While running, every checkpoint counts a generation and rewrites the head (records.checkpoint),
 * and so does a sealed lock, override or config, shortly after it (records.sealed).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { checkpoint, StoreError, type Db } from './database';
import { RecordChain, refOf, SEALED_TABLES, type ChainFindings, type RowRef, type SealedTable } from './record-chain';
import { HEAD_FILE, readHead, writeHead, type HeadRead } from './record-head';
import type { RecordKeySource } from './record-key';
import { readMeta, writeMeta } from './meta';

const DATABASE_KEY = 'database_id';
const GENERATION_KEY = 'generation';
export const RECORDS_ALTERED = 'records altered';
/** After the calls a lock's decision sends have left: a head written before them would delay them. */
const HEAD_AFTER_MS = 200;

export interface Records {
  chain: RecordChain;
  /** What start found and did, in plain words for the dashboard; null when every record verified. */
  findings: string | null;
  /** Moves the WAL into the database file, counts a generation and rewrites the head. */
  checkpoint(): void;
  /** A lock, an override or the config in force was sealed: the head follows shortly, off the path that wrote it. */
  sealed(): void;
}

export interface RecordsOptions {
  db: Db;
  folder: string;
  keySource: RecordKeySource;
  now: number;
  /** Each head write's outcome: the error when it could not be written (enforcement goes on, the trader is told), else null. */
  onHead(failure: Error | null): void;
}

export function openRecords({ db, folder, keySource, now, onHead }: RecordsOptions): Records {
  const headFile = path.join(folder, HEAD_FILE);
  const loaded = keySource.load();
  const head = readHead(headFile, loaded);
  refuseLostData(head, db, path.join(folder, path.basename(db.name)), headFile);
  const found = headFindings(head, db, loaded !== null);
  if (loaded === null && chainLength(db) > 0)
    found.push(`the records key (${keySource.description}) was missing, so no record could be checked`);
  const key = loaded ?? keySource.create();
  const chain = new RecordChain(db, key);
  db.transaction(() => {
    if (readMeta(db, DATABASE_KEY) === null) writeMeta(db, DATABASE_KEY, randomUUID());
    const judged = judge(db, chain, head);
    found.push(...judged.found);
    if (found.length > 0) {
      const audit = db
        .prepare(`INSERT INTO audit_log (ts, actor, action, detail) VALUES (?, 'service', ?, ?)`)
        .run(new Date(now).toISOString(), RECORDS_ALTERED, found.join('; '));
      judged.toSeal.push({ table: 'audit_log', id: Number(audit.lastInsertRowid) });
    }
    // A whole chain is continued, so a crash before the next head is written never reads as a cut.
    if (judged.reseal) chain.reseal();
    else for (const row of judged.toSeal) chain.seal(row.table, row.id);
  })();
  const database = readMeta(db, DATABASE_KEY)!;
  let headTimer: NodeJS.Timeout | null = null;
  const records: Records = {
    chain,
    findings: found.length === 0 ? null : found.join('; '),
    checkpoint() {
      checkpoint(db);
      const generation = Number(readMeta(db, GENERATION_KEY) ?? 0) + 1;
      writeMeta(db, GENERATION_KEY, String(generation));
      try {
        writeHead(headFile, key, { database, generation, ...chain.tail(), at: new Date().toISOString() });
      } catch (error) {
        onHead(error as Error);
        return;
      }
      onHead(null);
    },
    sealed() {
      headTimer ??= setTimeout(() => {
        headTimer = null;
        if (!db.open) return;
        try {
          records.checkpoint();
        } catch {
          // The database refused the checkpoint: housekeeping's own meets the same refusal, shows it and retries.
        }
      }, HEAD_AFTER_MS).unref();
    },
  };
  records.checkpoint();
  return records;
}

function chainLength(db: Db): number {
  return db.prepare(`SELECT count(*) FROM record_chain`).pluck().get() as number;
}

const WHAT_TO_DO =
  'Put back riskwarden.db and riskwarden.db-wal as Risk Warden last left them (an older backup is refused too). ' +
  `To start from what the database holds now, knowing a lock may be forgotten, move ${HEAD_FILE} out of the folder; ` +
  'the next start records that on the dashboard and in the audit log';

/** Throws when the head shows the database lost what Risk Warden wrote to it. */
function refuseLostData(head: HeadRead, db: Db, dbFile: string, headFile: string): void {
  if (head.kind === 'missing') return;
  const refuse = (what: string): never => {
    throw new StoreError(`${dbFile} ${what}, so its locks and overrides cannot be trusted (${headFile}). ${WHAT_TO_DO}`);
  };
  const database = readMeta(db, DATABASE_KEY);
  if (database === null) refuse('is empty, but this folder held Risk Warden records: the database was deleted, emptied or replaced');
  if (head.kind !== 'found') return;
  if (database !== head.head.database) refuse('is not the database this folder’s records were written to: it was replaced');
  const generation = Number(readMeta(db, GENERATION_KEY) ?? 0);
  if (generation < head.head.generation)
    refuse(
      `is older than the last state Risk Warden wrote: its write-ahead log (riskwarden.db-wal) was lost or an older copy was put back (it holds the state of save ${generation}, Risk Warden had reached save ${head.head.generation})`,
    );
  if (!head.sealed || head.head.seq === 0) return;
  const entry = db.prepare(`SELECT mac FROM record_chain WHERE seq = ?`).pluck().get(head.head.seq) as string | undefined;
  if (entry !== head.head.mac) refuse(`lost its newest records: the record chain no longer reaches entry ${head.head.seq}`);
}

/** `keyFound`: the folder has held sealed records before, even if its database and head are new. */
function headFindings(head: HeadRead, db: Db, keyFound: boolean): string[] {
  if (head.kind === 'unreadable') return [`${HEAD_FILE} could not be read (${head.why})`];
  if (head.kind === 'found' && !head.sealed) return [`${HEAD_FILE} does not verify: it was edited, or its key was replaced`];
  if (head.kind === 'missing' && (keyFound || chainLength(db) > 0))
    return [`${HEAD_FILE} was missing, so locks and overrides removed with it cannot be known (a database started afresh loses its locks)`];
  return [];
}

interface Judged {
  /** What was found, in words. */
  found: string[];
  /** The chain cannot be continued: it is broken, or there was none. */
  reseal: boolean;
  /** Rows kept that the chain must now cover. */
  toSeal: RowRef[];
}

/** Puts sealed rows back, keeps every lock in force, drops unsealed overrides and config. */
function judge(db: Db, chain: RecordChain, head: HeadRead): Judged {
  const findings = chain.verify();
  const firstSeal = findings.entries === 0 && head.kind === 'missing';
  const found: string[] = [];
  if (findings.brokenAt !== null) found.push(`the record chain does not verify from entry ${findings.brokenAt} of ${findings.entries}`);
  for (const row of [...findings.altered, ...findings.removed]) chain.restore(row.table, findings.sealed.get(refOf(row.table, row.id))!);
  if (findings.altered.length > 0) found.push(`put back as sealed, after they were altered: ${rowsText(findings.altered)}`);
  if (findings.removed.length > 0) found.push(`put back as sealed, after they were removed: ${rowsText(findings.removed)}`);
  const relocked = keepLocksInForce(db, chain, findings);
  if (relocked.length > 0) found.push(`kept in force, their clearing not verified: ${rowsText(relocked)}`);
  const dropped = findings.unsealed.filter((row) => row.table === 'admin_overrides' || row.table === 'meta');
  for (const row of dropped)
    db.prepare(row.table === 'meta' ? `DELETE FROM meta WHERE rowid = ?` : `DELETE FROM admin_overrides WHERE id = ?`).run(row.id);
  const kept = findings.unsealed.filter((row) => row.table === 'lockouts' || row.table === 'audit_log');
  if (firstSeal) {
    if (kept.length + dropped.length > 0)
      found.push(
        'the records were found without a seal (a database from an older Risk Warden, or one whose seal was removed): ' +
          'what was changed before this start cannot be known' +
          (dropped.length > 0 ? `; dropped, as no administrator's grant can be shown: ${rowsText(dropped)}` : ''),
      );
    return { found, reseal: true, toSeal: [] };
  }
  if (dropped.length > 0) found.push(`dropped, never written by Risk Warden: ${rowsText(dropped)}`);
  const locks = kept.filter((row) => row.table === 'lockouts');
  if (locks.length > 0) found.push(`kept, though not written by Risk Warden: ${rowsText(locks)}`);
  const audit = kept.filter((row) => row.table === 'audit_log');
  if (audit.length > 0) found.push(`not written by Risk Warden (kept, they prove nothing): ${rowsText(audit)}`);
  return { found, reseal: findings.brokenAt !== null, toSeal: kept };
}

/** After a break, a lock some entry shows in force whose clearing no trusted entry shows is put back in force. */
function keepLocksInForce(db: Db, chain: RecordChain, findings: ChainFindings): RowRef[] {
  if (findings.brokenAt === null) return [];
  const relocked: RowRef[] = [];
  const current = db.prepare(`SELECT cleared_at FROM lockouts WHERE id = ?`).pluck();
  for (const [id, content] of findings.everLocked) {
    const trusted = findings.sealed.get(refOf('lockouts', id));
    if (trusted !== undefined && (JSON.parse(trusted) as { cleared_at: unknown }).cleared_at !== null) continue;
    const now = current.get(id) as string | null | undefined;
    if (now === null) continue;
    chain.restore('lockouts', content);
    relocked.push({ table: 'lockouts', id });
  }
  return relocked;
}

const ROW_WORDS: Record<SealedTable, string> = {
  lockouts: 'lock',
  admin_overrides: 'admin override',
  audit_log: 'audit row',
  meta: 'stored setting',
};

function rowsText(rows: readonly RowRef[]): string {
  return SEALED_TABLES.flatMap((table) => {
    const ids = rows.filter((row) => row.table === table).map((row) => `#${row.id}`);
    return ids.length === 0 ? [] : [`${ROW_WORDS[table]}${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`];
  }).join(', ');
}
