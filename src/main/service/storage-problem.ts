/**
 * What the dashboard says when the database refuses a write, in words chosen by SQLite's answer
 * (damaged, full, read-only, held by another program, a disk error): the file, SQLite's own
 * message, that enforcement goes on from memory, and what the trader can do about it.
 */

export interface StorageProblem {
  title: string;
  detail: string;
}

/** Codes of a write refused for what it holds (a constraint, a bug): trying it again cannot help. */
const REFUSED_FOR_CONTENT: ReadonlySet<string> = new Set([
  'SQLITE_CONSTRAINT',
  'SQLITE_MISMATCH',
  'SQLITE_RANGE',
  'SQLITE_TOOBIG',
  'SQLITE_ERROR',
]);

/** SQLite's primary result code ('SQLITE_IOERR' for 'SQLITE_IOERR_WRITE'), or null for an error not from SQLite. */
export function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  return code.split('_', 2).join('_');
}

/** Whether the database or the disk refused (the same write may succeed later), not the write itself. */
export function isStorageFailure(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== null && !REFUSED_FOR_CONTENT.has(code);
}

const GOES_ON =
  'Enforcement goes on from memory: closes and cancels still go out and locks stay in force while Risk Warden runs; ' +
  'what could not be written waits in memory and is written as soon as the database takes it';
const LOST_AT_STOP = 'a lock not yet written is lost if Risk Warden stops before then';

export function storageProblem(file: string, error: unknown): StorageProblem {
  const code = sqliteCode(error);
  const sqlite = `SQLite: ${(error as Error).message}${code ? ` (${code})` : ''}`;
  switch (code) {
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return {
        title: 'Database damaged',
        detail:
          `${file} is damaged (${sqlite}). Enforcement goes on from memory: closes and cancels still go out and locks stay in force ` +
          'while Risk Warden runs, but nothing new can be saved, and the locks in force now are lost when it stops. ' +
          'When you can stop trading: stop Risk Warden, move riskwarden.db with its -wal and -shm files and riskwarden.head aside, and start it again: it starts empty (its locks are lost) and says so.',
      };
    case 'SQLITE_FULL':
      return {
        title: 'Database cannot be written',
        detail: `${file}: the disk is full (${sqlite}). ${GOES_ON}. Free disk space; ${LOST_AT_STOP}.`,
      };
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
    case 'SQLITE_CANTOPEN':
      return {
        title: 'Database cannot be written',
        detail: `${file} is read-only to Risk Warden (${sqlite}). ${GOES_ON}. Make the file and its folder writable by your user again; ${LOST_AT_STOP}.`,
      };
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return {
        title: 'Database cannot be written',
        detail: `${file} is held by another program (${sqlite}). ${GOES_ON}. Close whatever else opened riskwarden.db (a database browser, a backup tool); ${LOST_AT_STOP}.`,
      };
    default:
      return {
        title: 'Database cannot be written',
        detail:
          `The disk refused a write to ${file} (${sqlite}). ${GOES_ON}. Check the disk (free space, a removed or failing drive); ${LOST_AT_STOP}. ` +
          'If it keeps failing, stop Risk Warden and move riskwarden.db with its -wal and -shm files and riskwarden.head aside: it starts empty (its locks are lost) and says so.',
      };
  }
}
