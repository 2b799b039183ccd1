/**
 * The records whose change could unlock an account or loosen a limit — lockouts, admin overrides,
 * the audit log, and the config in force with its trading day — sealed as Risk Warden writes them:
 * every insert or update appends the row as written to `record_chain`, with an HMAC
 * (record-key.ts) over it and the entry before. So an edit made by anything else shows: a row that
 * differs from its last sealed content was altered, a row with none was inserted, a sealed row that
 * is gone was removed, and an entry that does not verify breaks the chain from there on. What start
 * does with what it finds is records.ts.
 */
import { createHmac } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

/** The meta rows that hold what a restart must not loosen (config-in-force.ts, day-cycle.ts). */
export const SEALED_META_KEYS = ['config_in_force', 'last_reset'] as const;

/**
 * How each sealed table's rows are read as sealed content and written back: the columns are named,
 * so a column added by a later migration does not make every row read as altered.
 */
const SEALED_ROWS = {
  lockouts: {
    select: `SELECT id, account_id, kind, rule_id, reason, since, until, cleared_at, cleared_by FROM lockouts`,
    restore: `INSERT OR REPLACE INTO lockouts (id, account_id, kind, rule_id, reason, since, until, cleared_at, cleared_by)
              VALUES (@id, @account_id, @kind, @rule_id, @reason, @since, @until, @cleared_at, @cleared_by)`,
  },
  admin_overrides: {
    select: `SELECT id, account_id, rule_id, granted_at, until, reason, mode, baseline FROM admin_overrides`,
    restore: `INSERT OR REPLACE INTO admin_overrides (id, account_id, rule_id, granted_at, until, reason, mode, baseline)
              VALUES (@id, @account_id, @rule_id, @granted_at, @until, @reason, @mode, @baseline)`,
  },
  audit_log: {
    select: `SELECT id, ts, actor, action, account_id, detail FROM audit_log`,
    restore: `INSERT OR REPLACE INTO audit_log (id, ts, actor, action, account_id, detail) VALUES (@id, @ts, @actor, @action, @account_id, @detail)`,
  },
  meta: {
    select: `SELECT rowid AS id, key, value FROM meta WHERE key IN (${SEALED_META_KEYS.map((k) => `'${k}'`).join(', ')})`,
    restore: `INSERT OR REPLACE INTO meta (rowid, key, value) VALUES (@id, @key, @value)`,
  },
} as const;

export type SealedTable = keyof typeof SEALED_ROWS;
export const SEALED_TABLES = Object.keys(SEALED_ROWS) as SealedTable[];

export interface ChainTail {
  seq: number;
  mac: string;
}

export interface RowRef {
  table: SealedTable;
  id: number;
}

export interface ChainFindings {
  /** Entries in the chain, trusted or not. */
  entries: number;
  /** The first entry that does not verify; it and every entry after it are not trusted. */
  brokenAt: number | null;
  /** Each row's last sealed content, by "table:id", from the trusted part. */
  sealed: Map<string, string>;
  /** Locks any entry shows in force, trusted or not: after a break, the stricter reading. */
  everLocked: Map<number, string>;
  /** Rows whose content is not what was sealed. */
  altered: RowRef[];
  /** Sealed rows that are no longer in their table. */
  removed: RowRef[];
  /** Rows never sealed in the trusted part: inserted by something else, or written after a break. */
  unsealed: RowRef[];
}

interface ChainEntry {
  seq: number;
  tbl: SealedTable;
  row_id: number;
  content: string;
  mac: string;
}

const START: ChainTail = { seq: 0, mac: '' };

export function refOf(table: SealedTable, id: number): string {
  return `${table}:${id}`;
}

export class RecordChain {
  private readonly append: Statement;
  private readonly last: Statement;
  private readonly rowById: Record<SealedTable, Statement>;

  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
  ) {
    this.append = db.prepare(`INSERT INTO record_chain (seq, tbl, row_id, content, mac) VALUES (?, ?, ?, ?, ?)`);
    this.last = db.prepare(`SELECT seq, mac FROM record_chain ORDER BY seq DESC LIMIT 1`);
    this.rowById = Object.fromEntries(
      SEALED_TABLES.map((table) => [table, db.prepare(`SELECT * FROM (${SEALED_ROWS[table].select}) WHERE id = ?`)]),
    ) as Record<SealedTable, Statement>;
  }

  /** Read from the database each time: a seal rolled back with its transaction leaves no trace in memory. */
  tail(): ChainTail {
    return (this.last.get() as ChainTail | undefined) ?? START;
  }

  /** Seals the row as it now is; called in the transaction that wrote it. */
  seal(table: SealedTable, id: number): void {
    const row = this.rowById[table].get(id);
    if (row === undefined) throw new Error(`cannot seal ${table} row ${id}: it is not there`);
    this.appendEntry(table, id, JSON.stringify(row));
  }

  /** Writes a row back as it was sealed (content that verified under the key). */
  restore(table: SealedTable, content: string): void {
    this.db.prepare(SEALED_ROWS[table].restore).run(JSON.parse(content) as Record<string, unknown>);
  }

  /** Walks the chain and compares every sealed table with it. Reads only. */
  verify(): ChainFindings {
    const findings: ChainFindings = {
      entries: 0,
      brokenAt: null,
      sealed: new Map(),
      everLocked: new Map(),
      altered: [],
      removed: [],
      unsealed: [],
    };
    let tail = START;
    for (const entry of this.db
      .prepare(`SELECT seq, tbl, row_id, content, mac FROM record_chain ORDER BY seq`)
      .iterate() as Iterable<ChainEntry>) {
      findings.entries++;
      if (entry.tbl === 'lockouts' && (JSON.parse(entry.content) as { cleared_at: unknown }).cleared_at === null)
        findings.everLocked.set(entry.row_id, entry.content);
      if (findings.brokenAt !== null) continue;
      if (entry.seq !== tail.seq + 1 || entry.mac !== this.macOf(tail, entry.seq, entry.tbl, entry.row_id, entry.content)) {
        findings.brokenAt = entry.seq;
        continue;
      }
      findings.sealed.set(refOf(entry.tbl, entry.row_id), entry.content);
      tail = { seq: entry.seq, mac: entry.mac };
    }
    const present = new Set<string>();
    for (const table of SEALED_TABLES) {
      for (const row of this.db.prepare(`${SEALED_ROWS[table].select} ORDER BY id`).iterate() as Iterable<{ id: number }>) {
        const ref = refOf(table, row.id);
        present.add(ref);
        const content = findings.sealed.get(ref);
        if (content === undefined) findings.unsealed.push({ table, id: row.id });
        else if (content !== JSON.stringify(row)) findings.altered.push({ table, id: row.id });
      }
    }
    for (const ref of findings.sealed.keys()) {
      if (present.has(ref)) continue;
      const [table, id] = ref.split(':') as [SealedTable, string];
      findings.removed.push({ table, id: Number(id) });
    }
    return findings;
  }

  /** Starts the chain again from the rows as they now are (after start has judged them). */
  reseal(): void {
    this.db.prepare(`DELETE FROM record_chain`).run();
    for (const table of SEALED_TABLES) {
      for (const row of this.db.prepare(`${SEALED_ROWS[table].select} ORDER BY id`).all() as { id: number }[]) {
        this.appendEntry(table, row.id, JSON.stringify(row));
      }
    }
  }

  private appendEntry(table: SealedTable, id: number, content: string): void {
    const tail = this.tail();
    const seq = tail.seq + 1;
    this.append.run(seq, table, id, content, this.macOf(tail, seq, table, id, content));
  }

  private macOf(previous: ChainTail, seq: number, table: string, id: number, content: string): string {
    return createHmac('sha256', this.key).update(`${previous.mac}\n${seq}\n${table}\n${id}\n${content}`).digest('hex');
  }
}
