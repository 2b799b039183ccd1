/**
 * Start checks the records that could unlock an account before anything reads them, and judges what
 * it finds by one principle: the stricter state wins.
 *
 * - The database is refused, with what to do, when riskwarden.head shows it is not the one the
 *   records were last written to: emptied or deleted, replaced by another, an older copy or one that
 *   lost its write-ahead log, or with its newest records cut. Starting would forget a lock.
 * - A sealed row that was altered or removed is put back as it was sealed.
 * - A row never sealed counts only where it is stricter: a lock is kept, an admin override is
 *   dropped, an audit row is kept (it proves nothing: overrides are checked against sealed rows only).
 * - Whatever was found is audited, shown on the dashboard, and the chain is sealed again over the
 *   rows as judged.
 *
 * While running, every checkpoint counts a generation and rewrites the head (records.checkpoint),
 * and so does every sealed write, soon after it (records.sealed).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { checkpoint, StoreError, type Db } from './database';
import { RecordChain, refOf, SEALED_TABLES, type ChainFindings, type RowRef, type SealedTable } from './record-chain';
import { HEAD_FILE, readHead, writeHead, type HeadRead } from './record-head';
import type { RecordKeySource } from './record-key';

const DATABASE_KEY = 'database_id';
const GENERATION_KEY = 'generation';

export interface Records {
  chain: RecordChain;
  /** What start found and did, in plain words for the dashboard; null when every record verified. */
  findings: string | null;
  /** Moves the WAL into the database file, counts a generation and rewrites the head. */
  checkpoint(): void;
  /** A sealed write happened: the head follows soon after, off the path that wrote it. */
  sealed(): void;
}

export interface RecordsOptions {
  db: Db;
  folder: string;
  keySource: RecordKeySource;
  now: number;
}

export function openRecords({ db, folder, keySource, now }: RecordsOptions): Records {
  const headFile = path.join(folder, HEAD_FILE);
  const dbFile = path.join(folder, path.basename(db.name));
  let key = keySource.load();
  const head = readHead(headFile, key);
  const meta = metaOf(db);
  refuseLostData(head, meta, db, dbFile, headFile);
  const chainEntries = db.prepare(`SELECT count(*) FROM record_chain`).pluck().get() as number;
  const found: string[] = [];
  if (key === null) {
    if (chainEntries > 0) found.push(`the records key (${keySource.description}) was missing, so no record could be checked`);
    key = keySource.create();
  }
  if (head.kind === 'unreadable') found.push(`${HEAD_FILE} could not be read (${head.why})`);
  if (head.kind === 'found' && !head.sealed && found.length === 0) found.push(`${HEAD_FILE} was edited`);
  if (head.kind === 'missing' && chainEntries > 0)
    found.push(`${HEAD_FILE} was missing, so records removed just before it went cannot be known`);
  const chain = new RecordChain(db, key);
  const stamp = new Date(now).toISOString();
  db.transaction(() => {
    if (meta.database === null) setMeta(db, DATABASE_KEY, randomUUID());
    if (chainEntries === 0 && head.kind === 'missing') {
      // A new database, or one written by a version that did not seal its records: they are taken as they are.
      chain.reseal();
      return;
    }
    const findings = chain.verify();
    found.push(...judge(db, findings));
    if (found.length === 0) return;
    const audit = db
      .prepare(`INSERT INTO audit_log (ts, actor, action, account_id, detail) VALUES (?, 'service', 'records altered', NULL, ?)`)
      .run(stamp, found.join('; '));
    // A broken chain cannot be continued; a whole one is, so a crash before the head is written never looks like a cut.
    if (findings.brokenAt !== null) return chain.reseal();
    for (const row of findings.unsealed) if (row.table !== 'admin_overrides') chain.seal(row.table, row.id);
    chain.seal('audit_log', Number(audit.lastInsertRowid));
  })();
  let headDue = false;
  const records: Records = {
    chain,
    findings: found.length === 0 ? null : `${found.join('; ')}. The stricter state was kept; this is in the audit log.`,
    checkpoint() {
      checkpoint(db);
      const generation = (metaOf(db).generation ?? 0) + 1;
      setMeta(db, GENERATION_KEY, String(generation));
      writeHead(headFile, key, { database: metaOf(db).database!, generation, ...chain.tail(), at: new Date().toISOString() });
    },
    sealed() {
      if (headDue) return;
      headDue = true;
      setImmediate(() => {
        headDue = false;
        if (db.open) records.checkpoint();
      });
    },
  };
  records.checkpoint();
  return records;
}

interface Meta {
  database: string | null;
  generation: number | null;
}

function metaOf(db: Db): Meta {
  const get = db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck();
  const generation = get.get(GENERATION_KEY) as string | undefined;
  return {
    database: (get.get(DATABASE_KEY) as string | undefined) ?? null,
    generation: generation === undefined ? null : Number(generation),
  };
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, value);
}

const WHAT_TO_DO =
  'Restore riskwarden.db and riskwarden.db-wal from a backup. To start from what the database holds now, knowing a lock may be forgotten, ' +
  `move ${HEAD_FILE} out of the folder; the next start records that on the dashboard and in the audit log`;

/** Throws when the head shows the database lost what Risk Warden wrote to it. */
function refuseLostData(head: HeadRead, meta: Meta, db: Db, dbFile: string, headFile: string): void {
  if (head.kind === 'missing') return;
  const refuse = (what: string) => {
    throw new StoreError(`${dbFile} ${what}, so its locks and overrides cannot be trusted (${headFile}). ${WHAT_TO_DO}`);
  };
  if (meta.database === null) refuse('is empty, but this folder held Risk Warden records: the database was deleted, emptied or replaced');
  if (head.kind !== 'found') return;
  if (meta.database !== head.head.database) refuse('is not the database this folder’s records were written to: it was replaced');
  if ((meta.generation ?? 0) < head.head.generation)
    refuse(
      `is older than the last state Risk Warden wrote (checkpoint ${meta.generation ?? 0} of ${head.head.generation}): its write-ahead log (riskwarden.db-wal) was lost or an older copy was put back`,
    );
  if (!head.sealed) return;
  if (head.head.seq === 0) return;
  const entry = db.prepare(`SELECT mac FROM record_chain WHERE seq = ?`).pluck().get(head.head.seq) as string | undefined;
  if (entry !== head.head.mac) refuse(`lost its newest records: the record chain no longer reaches entry ${head.head.seq}`);
}

/** Puts sealed rows back, drops unsealed overrides; returns what it found, in words. */
function judge(db: Db, findings: ChainFindings): string[] {
  const found: string[] = [];
  if (findings.brokenAt !== null) found.push(`the record chain does not verify from entry ${findings.brokenAt} of ${findings.entries}`);
  for (const row of [...findings.altered, ...findings.removed]) restore(db, row, findings.sealed.get(refOf(row.table, row.id))!);
  if (findings.altered.length > 0) found.push(`put back as sealed, after they were altered: ${rowsText(findings.altered)}`);
  if (findings.removed.length > 0) found.push(`put back as sealed, after they were removed: ${rowsText(findings.removed)}`);
  const overrides = findings.unsealed.filter((row) => row.table === 'admin_overrides');
  for (const row of overrides) db.prepare(`DELETE FROM admin_overrides WHERE id = ?`).run(row.id);
  if (overrides.length > 0) found.push(`dropped, never granted by an administrator: ${rowsText(overrides)}`);
  const locks = findings.unsealed.filter((row) => row.table === 'lockouts');
  if (locks.length > 0) found.push(`kept, though not written by Risk Warden: ${rowsText(locks)}`);
  const audit = findings.unsealed.filter((row) => row.table === 'audit_log');
  if (audit.length > 0) found.push(`not written by Risk Warden (kept, they prove nothing): ${rowsText(audit)}`);
  return found;
}

const ROW_WORDS: Record<SealedTable, string> = { lockouts: 'lock', admin_overrides: 'admin override', audit_log: 'audit row' };
const COLUMN = /^[a-z_]+$/;

function rowsText(rows: readonly RowRef[]): string {
  return SEALED_TABLES.flatMap((table) => {
    const ids = rows.filter((row) => row.table === table).map((row) => `#${row.id}`);
    return ids.length === 0 ? [] : [`${ROW_WORDS[table]}${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`];
  }).join(', ');
}

/** Writes a row back as it was sealed; its content verified under the key, its column names checked all the same. */
function restore(db: Db, row: RowRef, content: string): void {
  const values = JSON.parse(content) as Record<string, unknown>;
  const columns = Object.keys(values);
  if (!columns.every((column) => COLUMN.test(column))) throw new StoreError(`a sealed ${row.table} row has an unexpected column`);
  db.prepare(`INSERT OR REPLACE INTO ${row.table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(values);
}
