/**
 * The records whose change could unlock an account — lockouts, admin overrides and the audit log —
 * sealed as Risk Warden writes them: every insert or update appends the row as written to
 * `record_chain`, with an HMAC (record-key.ts) over it and the entry before. So an edit made by
 * anything else shows: a row that differs from its last sealed content was altered, a row with none
 * was inserted, a sealed row that is gone was removed, and an entry that does not verify breaks the
 * chain from there on. What start does with what it finds is records-check.ts.
 */
import { createHmac } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export const SEALED_TABLES = ['lockouts', 'admin_overrides', 'audit_log'] as const;
export type SealedTable = (typeof SEALED_TABLES)[number];

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
  /** The end of the trusted part. */
  tail: ChainTail;
  /** Each row's last sealed content, by "table:id", from the trusted part. */
  sealed: Map<string, string>;
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
    this.rowById = Object.fromEntries(SEALED_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} WHERE id = ?`)])) as Record<
      SealedTable,
      Statement
    >;
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

  /** Walks the chain and compares every sealed table with it. Reads only. */
  verify(): ChainFindings {
    const entries = this.db.prepare(`SELECT seq, tbl, row_id, content, mac FROM record_chain ORDER BY seq`).all() as ChainEntry[];
    const sealed = new Map<string, string>();
    let tail = START;
    let brokenAt: number | null = null;
    for (const entry of entries) {
      const expected = this.macOf(tail, entry.seq, entry.tbl, entry.row_id, entry.content);
      if (entry.seq !== tail.seq + 1 || entry.mac !== expected) {
        brokenAt = entry.seq;
        break;
      }
      sealed.set(refOf(entry.tbl, entry.row_id), entry.content);
      tail = { seq: entry.seq, mac: entry.mac };
    }
    const findings: ChainFindings = { entries: entries.length, brokenAt, tail, sealed, altered: [], removed: [], unsealed: [] };
    const present = new Set<string>();
    for (const table of SEALED_TABLES) {
      for (const row of this.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as { id: number }[]) {
        const ref = refOf(table, row.id);
        present.add(ref);
        const content = sealed.get(ref);
        if (content === undefined) findings.unsealed.push({ table, id: row.id });
        else if (content !== JSON.stringify(row)) findings.altered.push({ table, id: row.id });
      }
    }
    for (const ref of sealed.keys()) {
      if (!present.has(ref)) {
        const [table, id] = ref.split(':') as [SealedTable, string];
        findings.removed.push({ table, id: Number(id) });
      }
    }
    return findings;
  }

  /** Starts the chain again from the rows as they now are (after start has judged them). */
  reseal(): void {
    this.db.prepare(`DELETE FROM record_chain`).run();
    for (const table of SEALED_TABLES) {
      for (const row of this.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as { id: number }[]) {
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
