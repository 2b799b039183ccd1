/**
 * A database belongs to one mode, demo or live, recorded in `meta` when it is created. A demo
 * instance (the simulator, the test elevator, a shifted clock) must never open a live account's
 * locks and overrides, nor live enforcement a demo book: a mismatch is refused before anything is read.
 */
import type { Db } from './database';
import { readMeta, writeMeta } from './meta';

export type DataMode = 'demo' | 'live';

const MODE_KEY = 'mode';

export class ModeMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModeMismatchError';
  }
}

/** Records `mode` in a new database, or refuses one that holds the other mode's data. */
export function claimMode(db: Db, mode: DataMode, folder: string): void {
  const recorded = recordedMode(db);
  if (recorded !== null && recorded.mode !== mode) {
    throw new ModeMismatchError(
      `this data folder holds ${recorded.mode} data; it cannot be opened in ${mode} mode (${folder}). ` +
        `Start in ${recorded.mode} mode, or give ${mode} mode a folder of its own with --data-dir`,
    );
  }
  if (recorded?.stored !== true) writeMeta(db, MODE_KEY, mode);
}

/**
 * The mode in `meta`; for a database from before it was recorded, the mode its last start wrote to
 * the audit log ("live mode, enforcement …"); null for a new database.
 */
function recordedMode(db: Db): { mode: DataMode; stored: boolean } | null {
  const stored = readMeta(db, MODE_KEY);
  if (stored === 'demo' || stored === 'live') return { mode: stored, stored: true };
  const started = db
    .prepare(`SELECT detail FROM audit_log WHERE actor = 'service' AND action = 'start' ORDER BY id DESC LIMIT 1`)
    .pluck()
    .get() as string | null | undefined;
  const inferred = /^(demo|live) mode\b/.exec(started ?? '')?.[1] as DataMode | undefined;
  return inferred ? { mode: inferred, stored: false } : null;
}
