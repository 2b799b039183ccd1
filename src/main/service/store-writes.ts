/**
 * Every write of the running service goes through here, so that the database can never stop
 * enforcement. A write is made at once, in its own transaction (or with the others of its batch:
 * one enforcement decision is one transaction, committed before its calls go out). When SQLite
 * refuses — damaged, full, read-only, held — the write is kept in memory, the dashboard shows the
 * storage problem, and the housekeeping tick retries what waits, oldest first, so that a lock's end
 * never overtakes its save; once everything is written the problem is cleared.
 *
 * Memory is bounded: past `limit` waiting writes, new fills, violations, actions and audit rows
 * are no longer kept (counted, logged and said on the dashboard). Writes marked `keep` (locks, their
 * ends, unlocks) are always kept, and keyed writes (state where only the latest counts) replace
 * their waiting predecessor, so neither can grow without bound from a running day's events.
 *
 * A write SQLite refuses for what it holds (a constraint, a bug) would be refused again: it is
 * logged and dropped, and the other writes of its batch are written one by one.
 */
import type { RecordOptions, Recorder } from '../enforcement/executor';
import type { Logger } from '../log';
import type { RiskStore } from '../store/risk-store';
import type { Problems } from './problems';
import { isStorageFailure, storageProblem } from './storage-problem';

/** About a day of a busy trader's fills and audit rows; each waiting write is a few hundred bytes. */
const DEFAULT_LIMIT = 10_000;

export interface StoreWritesDeps {
  store: RiskStore;
  /** The database file, named in the problem shown. */
  file: string;
  problems: Pick<Problems, 'report' | 'clear'>;
  logger: Logger;
  /** How many writes may wait before new ones that may be lost are not kept. */
  limit?: number;
}

interface Part {
  what: string;
  work: (store: RiskStore) => void;
  keep: boolean;
  key: string | null;
  written: (() => void) | null;
}

/** Parts written in one transaction. */
type Entry = Part[];

export class StoreWrites implements Recorder {
  private readonly limit: number;
  /** Entries waiting for the store, oldest first. */
  private waiting: Entry[] = [];
  private readonly byKey = new Map<string, Part>();
  private collecting: Part[] | null = null;
  /** SQLite's message while the store refuses (shown as a problem); null while it takes every write. */
  private refusal: string | null = null;
  private checkpointRefused = false;
  private writtenSinceRefusal = 0;
  private notKept = 0;

  constructor(private readonly deps: StoreWritesDeps) {
    this.limit = deps.limit ?? DEFAULT_LIMIT;
  }

  write(what: string, work: (store: RiskStore) => void, options: RecordOptions = {}): void {
    const part: Part = { what, work, keep: options.keep ?? false, key: options.key ?? null, written: options.written ?? null };
    if (this.collecting) this.collecting.push(part);
    else this.commit([part]);
  }

  batch<T>(decide: () => T): T {
    if (this.collecting) return decide();
    const parts: Part[] = (this.collecting = []);
    try {
      return decide();
    } finally {
      this.collecting = null;
      if (parts.length > 0) this.commit(parts);
    }
  }

  /** How many writes wait for the database. */
  get pending(): number {
    return this.waiting.reduce((sum, entry) => sum + entry.length, 0);
  }

  /** Writes what waits, oldest first, until the store refuses again (the housekeeping tick). */
  retry(): void {
    if (this.waiting.length === 0 && this.refusal === null) return;
    let next = 0;
    let refusal: { what: string; error: unknown } | null = null;
    while (next < this.waiting.length) {
      const entry = this.waiting[next]!;
      const error = this.tryWrite(entry);
      if (error !== undefined && isStorageFailure(error)) {
        refusal = { what: entry[0]!.what, error };
        break;
      }
      next++;
      if (error === undefined) this.writtenSinceRefusal += entry.length;
      // Split in its place: its parts are written next, one by one.
      else if (entry.length > 1) this.waiting.splice(next, 0, ...entry.map((part) => [part]));
      else this.drop(entry[0]!, error);
    }
    this.waiting.splice(0, next);
    if (refusal) this.refused(refusal.what, refusal.error);
    else this.maybeRecovered();
  }

  /**
   * Work nobody keeps when it fails (the WAL checkpoint: its caller runs it again later); a refusal
   * is shown like a refused write, and cleared with it once the work is done. True when done.
   */
  attempt(what: string, work: () => void): boolean {
    try {
      work();
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      this.checkpointRefused = true;
      this.refused(what, error);
      return false;
    }
    this.checkpointRefused = false;
    this.maybeRecovered();
    return true;
  }

  /** At the stop: a last try; what still waits is lost with the process, and the log says so. */
  close(): void {
    this.retry();
    if (this.waiting.length === 0) return;
    const locks = this.waiting.filter((entry) => entry.some((part) => part.keep)).length;
    this.deps.logger.error(
      `${this.deps.file}: ${this.pending} records could not be written before the stop and are lost` +
        (locks > 0 ? `, among them ${locks} writes of locks, their ends or the config in force` : ''),
    );
  }

  private commit(entry: Entry): void {
    if (this.waiting.length > 0) return this.enqueue(entry);
    const error = this.tryWrite(entry);
    if (error === undefined) return;
    if (isStorageFailure(error)) {
      this.enqueue(entry);
      this.refused(entry[0]!.what, error);
    } else if (entry.length > 1) {
      this.waiting.push(...entry.map((part) => [part]));
      this.retry();
    } else this.drop(entry[0]!, error);
  }

  /** Runs the entry in one transaction; the error when the store refused it. */
  private tryWrite(entry: Entry): unknown {
    const { store } = this.deps;
    try {
      store.transaction(() => {
        for (const part of entry) part.work(store);
      });
    } catch (error) {
      return error;
    }
    for (const part of entry) {
      if (part.key !== null && this.byKey.get(part.key) === part) this.byKey.delete(part.key);
      part.written?.();
    }
    return undefined;
  }

  private enqueue(entry: Entry): void {
    const only = entry.length === 1 ? entry[0]! : null;
    const waitingPart = only?.key ? this.byKey.get(only.key) : undefined;
    if (only && waitingPart) {
      waitingPart.work = only.work;
      waitingPart.written = only.written;
      return;
    }
    if (this.waiting.length >= this.limit && !entry.some((part) => part.keep)) {
      if (this.notKept === 0) {
        this.deps.logger.error(`${this.deps.file}: ${this.limit} writes wait; new records are no longer kept until it takes writes again`);
      }
      this.notKept += entry.length;
      return;
    }
    if (only?.key) this.byKey.set(only.key, only);
    this.waiting.push(entry);
  }

  /** A write refused for what it holds would be refused again. */
  private drop(part: Part, error: unknown): void {
    if (part.key !== null && this.byKey.get(part.key) === part) this.byKey.delete(part.key);
    this.deps.logger.error(`${part.what} could not be recorded and was dropped (trying again cannot help): ${(error as Error).message}`);
  }

  private refused(what: string, error: unknown): void {
    const message = (error as Error).message;
    if (this.refusal === null) this.writtenSinceRefusal = 0;
    if (this.refusal !== message) {
      this.refusal = message;
      this.deps.logger.error(`${this.deps.file} refused ${what} (${message}); enforcement goes on, what waits is retried every second`);
    }
    const { title, detail } = storageProblem(this.deps.file, error);
    const bound =
      this.notKept > 0
        ? ` More than ${this.limit} writes waited: new fills, violations, actions and audit records are no longer kept until the database takes writes again (locks and their ends always are).`
        : '';
    this.deps.problems.report('storage', title, detail + bound);
  }

  private maybeRecovered(): void {
    if (this.refusal === null || this.waiting.length > 0 || this.checkpointRefused) return;
    const lost = this.notKept > 0 ? `; ${this.notKept} records could not be kept and are lost` : '';
    const resolution = `Database written again — ${this.writtenSinceRefusal} waiting records saved${lost}`;
    this.deps.logger.info(`${this.deps.file}: ${resolution}`);
    this.deps.problems.clear('storage', resolution);
    this.refusal = null;
    this.writtenSinceRefusal = 0;
    this.notKept = 0;
  }
}
