/** Opens the SQLite store in WAL mode and brings its schema up to date, or refuses a newer one. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PRIVATE_FILE_MODE, tighten } from './data-folder';
import { claimMode, type DataMode } from './data-mode';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** What decides which better-sqlite3 addon to load; the process's own values in openDatabase, chosen ones in tests. */
export interface BindingContext {
  /** process.versions.electron: set only inside Electron. */
  electron: string | undefined;
  /** process.versions.modules: the runtime's NODE_MODULE_VERSION, Electron's own inside Electron. */
  abi: string;
  execPath: string;
  platform: NodeJS.Platform;
  /** The node_modules folder better-sqlite3 is installed in (read only when needed). */
  nodeModules: () => string;
  exists: (file: string) => boolean;
}

/**
 * The addon file for better-sqlite3's `nativeBinding` option, or undefined for its default
 * (node_modules/better-sqlite3/build/Release, built for Node's ABI and loaded by `npm test` and the web host).
 * Electron cannot load that build, so in development Electron loads a second one fetched for its ABI by
 * `npm start` (scripts/runtime-steps.mjs) into node_modules/.riskwarden/electron-<abi>/ — the same path as
 * scripts/electron-binary.mjs electronSqliteBinary(); a unit test keeps the two in step. A packaged app
 * uses the default: electron-builder's install-app-deps rebuilds better-sqlite3 in place for Electron.
 */
export function sqliteNativeBinding(context: BindingContext): string | undefined {
  if (context.electron === undefined || isPackaged(context.execPath, context.platform)) return undefined;
  const file = path.join(context.nodeModules(), '.riskwarden', `electron-${context.abi}`, 'better_sqlite3.node');
  if (!context.exists(file)) {
    throw new StoreError(
      `better-sqlite3 built for Electron ${context.electron} (ABI ${context.abi}) is missing: ${file}; ` +
        '`npm start` fetches it on first start (the build in node_modules/better-sqlite3 is for Node and cannot load in Electron)',
    );
  }
  return file;
}

/**
 * Electron's own definition of app.isPackaged (lib/browser/api/app.ts): the executable is not named
 * electron / electron.exe. Computed here, not asked of `app`, so the store never imports electron; it
 * holds for every dev launch (`electron .`, Playwright's launch), where process.defaultApp is only a
 * side effect of the default app and process.resourcesPath/app.asar depends on asar being on. Under Node
 * (execPath node) it is never reached: process.versions.electron is unset there.
 */
function isPackaged(execPath: string, platform: NodeJS.Platform): boolean {
  const executable = (platform === 'win32' ? path.win32 : path.posix).basename(execPath).toLowerCase();
  return executable !== (platform === 'win32' ? 'electron.exe' : 'electron');
}

function processBindingContext(): BindingContext {
  return {
    electron: process.versions.electron,
    abi: process.versions.modules,
    execPath: process.execPath,
    platform: process.platform,
    nodeModules: () => path.dirname(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'))),
    exists: (file) => fs.existsSync(file),
  };
}

export interface OpenOptions {
  /** Recorded in a new database; a database of the other mode is refused (data-mode.ts). */
  mode?: DataMode;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const nativeBinding = sqliteNativeBinding(processBindingContext());
  const db = new Database(file, nativeBinding === undefined ? {} : { nativeBinding });
  try {
    // Before the WAL exists: SQLite creates -wal and -shm with the database file's permissions.
    makePrivate(file);
    refuseNewerSchema(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The automatic checkpoint would run (and fsync) inside whichever commit crosses 1,000 pages —
    // possibly the one written just before an enforcement call. The service checkpoints on a timer.
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('foreign_keys = ON');
    migrate(db);
    if (options.mode) claimMode(db, options.mode, path.dirname(path.resolve(file)));
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Database.SqliteError && DAMAGED.has(error.code)) {
      throw new StoreError(
        `${file} is not a Risk Warden database or is damaged (${error.message}); the file was left untouched. To start with an empty one, move it, its -wal and -shm files and riskwarden.head aside: its locks are lost, and the next start says so`,
      );
    }
    throw error;
  }
}

const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** The database and what SQLite keeps beside it, readable by the trader only (POSIX; see data-folder.ts). */
function makePrivate(file: string): void {
  if (process.platform === 'win32') return;
  for (const part of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (fs.existsSync(part)) tighten(part, PRIVATE_FILE_MODE);
  }
}

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
