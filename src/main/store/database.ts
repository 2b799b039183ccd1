/** Opens the SQLite store in WAL mode and brings its schema up to date, or refuses a newer one. */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    refuseNewerSchema(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The automatic checkpoint would run (and fsync) inside whichever commit crosses 1,000 pages —
    // possibly the one written just before an enforcement call. The service checkpoints on a timer.
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Database.SqliteError && DAMAGED.has(error.code)) {
      throw new StoreError(
        `${file} is not a Risk Warden database or is damaged (${error.message}); the file was left untouched — move it aside to start with an empty one, or restore it from a backup`,
      );
    }
    throw error;
  }
}

const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** Before anything writes: switching to WAL alone would rewrite the header of a file we must not touch. */
function refuseNewerSchema(db: Db, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new StoreError(
      `${file} has schema version ${current}, newer than this Risk Warden understands (${MIGRATIONS.length}); ` +
        'the file was left untouched — update Risk Warden or point --data-dir elsewhere',
    );
  }
}

/** Moves the WAL into the database file without blocking writers; called off the enforcement path. */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const apply = db.transaction(() => {
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version - 1]!);
      db.pragma(`user_version = ${version}`);
    }
  });
  apply();
}
