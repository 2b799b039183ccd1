/**
 * The data folder (database, logs, lock): private to the trader — the folder 0700, its files 0600,
 * tightened at every start when an older version or a copy left them readable — and held by one
 * Risk Warden at a time (folder-lock.ts).
 *
 * On Windows, POSIX modes do not apply (chmod only toggles read-only); the folder's protection there
 * is the ACL of the user profile it lives in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lockFolder, systemProbe, type FolderLock, type ProcessProbe } from './folder-lock';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export interface DataFolder {
  readonly path: string;
  /** What start found readable by others and made private, e.g. "riskwarden.db (was 0644)". */
  readonly tightened: readonly string[];
  release(): void;
}

export interface DataFolderOptions {
  platform?: NodeJS.Platform;
  probe?: ProcessProbe;
}

/** Creates the folder if needed, makes it and its files private, and takes its lock; throws FolderInUseError. */
export function openDataFolder(folder: string, options: DataFolderOptions = {}): DataFolder {
  const platform = options.platform ?? process.platform;
  fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const tightened: string[] = [];
  if (platform !== 'win32' && tighten(folder, PRIVATE_FOLDER_MODE)) tightened.push(`${folder} (folder)`);
  const lock: FolderLock = lockFolder(folder, options.probe ?? systemProbe);
  if (platform !== 'win32') {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      // Regular files only: a symlink's target is not ours to change.
      if (!entry.isFile()) continue;
      const was = tighten(path.join(folder, entry.name), PRIVATE_FILE_MODE);
      if (was !== null) tightened.push(`${entry.name} (was ${octal(was)})`);
    }
  }
  return { path: folder, tightened, release: () => lock.release() };
}

/** Creates `file` readable by its owner only (or tightens it), before anything else writes it. */
export function privateFile(file: string, platform: NodeJS.Platform = process.platform): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  if (platform !== 'win32') tighten(file, PRIVATE_FILE_MODE);
}

/** Written whole or not at all (beside, then renamed over), readable by this user only. */
export function writePrivateFile(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(temp, file);
}

/** Takes group and other bits away; returns the mode it had when that changed anything, else null. */
export function tighten(target: string, mode: number): number | null {
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!stat) return null;
  const was = stat.mode & 0o777;
  if ((was & 0o077) === 0) return null;
  fs.chmodSync(target, mode);
  return was;
}

function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}
