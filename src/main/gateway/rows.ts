/**
 * Rows of the gateway's lists (Trade/search, Order/search, Position/searchOpen, Contract/available,
 * Account/search) are read one by one: one odd row (live has sent `fees: null`) is repaired where its
 * meaning is clear, otherwise skipped, and said in the log; it never fails the whole list, which made a
 * reconcile retry forever and a connect fail (PROJECTX.md §13).
 */
import type { z } from 'zod';
import type { Logger } from '../log';

/** Mends a copy of a row; returns what it changed, in words ("fees was null, counted as 0"), or nothing. */
export type RowRepair = (row: Record<string, unknown>) => string[];

/** A trade's missing amounts are no amounts: a fill counted without its fee beats a fill not counted. */
export const repairTrade: RowRepair = (row) => {
  const done: string[] = [];
  if (row.fees === null) {
    row.fees = 0;
    done.push('fees was null, counted as 0');
  }
  if (row.voided === null) {
    row.voided = false;
    done.push('voided was null, read as false');
  }
  return done;
};

export type RowReading<T> = { ok: true; value: T; repaired: string[] } | { ok: false; issues: string };

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
}

/** Reads one row: as it came, else repaired, else the reasons it is unreadable. */
export function readRow<T>(schema: z.ZodType<T>, raw: unknown, repair?: RowRepair): RowReading<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data, repaired: [] };
  if (repair && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const copy = { ...(raw as Record<string, unknown>) };
    const repaired = repair(copy);
    if (repaired.length > 0) {
      const again = schema.safeParse(copy);
      if (again.success) return { ok: true, value: again.data, repaired };
    }
  }
  return { ok: false, issues: describeIssues(parsed.error.issues) };
}

/** How many distinct row problems are remembered, so that a reconcile every few seconds does not repeat them. */
const REMEMBERED = 1000;

/** Reads the rows of lists, logging each distinct problem once. */
export class RowReader {
  private readonly told = new Set<string>();

  constructor(private readonly logger: Logger) {}

  rows<T>(endpoint: string, rows: readonly unknown[] | null | undefined, schema: z.ZodType<T>, repair?: RowRepair): T[] {
    const read: T[] = [];
    for (const [index, raw] of (rows ?? []).entries()) {
      const reading = readRow(schema, raw, repair);
      const which = `${endpoint} row ${index}${rowId(raw)}`;
      if (!reading.ok) {
        this.tell('error', `${which} skipped: ${reading.issues}`, `${endpoint}${rowId(raw)} ${reading.issues}`);
        continue;
      }
      if (reading.repaired.length > 0)
        this.tell('warn', `${which} repaired: ${reading.repaired.join('; ')}`, `${endpoint}${rowId(raw)} repaired`);
      read.push(reading.value);
    }
    return read;
  }

  /** A skipped row is an error (what it held is not known: a skipped position reads as flat); a repair a warning. */
  private tell(level: 'error' | 'warn', message: string, key: string): void {
    if (this.told.has(key)) return;
    if (this.told.size >= REMEMBERED) this.told.clear();
    this.told.add(key);
    this.logger[level](message);
  }
}

function rowId(raw: unknown): string {
  const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' || typeof id === 'string' ? ` (id ${id})` : '';
}
