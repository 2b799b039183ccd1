/**
 * One Risk Warden per data folder: `riskwarden.lock`, created exclusively (O_EXCL) and held open
 * for the life of the process, names the process that holds the folder.
 *
 * Why hand-written rather than proper-lockfile: proper-lockfile proves liveness by refreshing the
 * lock's mtime on a timer and takes over only once it is `stale` ms old (10 s by default), so a
 * restart right after kill -9 would be refused for that long, and its lock records no pid to name.
 * Here the holder's pid is in the file and liveness is asked of the OS (`kill(pid, 0)`), so a lock
 * left by a dead process (kill -9, power loss) is taken over at once, and a refusal names the pid.
 * A pid reused by an unrelated process after a crash is told apart on Linux by the process's start
 * time (/proc/<pid>/stat); elsewhere the refusal names the file to delete.
 *
 * Takeover of a stale lock renames it aside first and checks it was still the dead holder's, so two
 * instances starting at once on a stale lock cannot both win.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'riskwarden.lock';

/** The folder is held by another live process (or is being taken by one right now). */
export class FolderInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderInUseError';
  }
}

/** Who holds a lock, as written in the file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the holder started, ISO; for the message. */
  since: string;
  /** Linux: the holder's start time in clock ticks since boot (/proc/<pid>/stat field 22); null elsewhere. */
  processStart: string | null;
}

/** The operating system, as the lock asks it: this process, and whether another one still runs. */
export interface ProcessProbe {
  pid: number;
  host: string;
  now(): number;
  /** Whether a process with this pid exists (any owner). */
  alive(pid: number): boolean;
  /** Linux: the process's start time since boot; null when unknown (not Linux, no such process). */
  startTime(pid: number): string | null;
}

export const systemProbe: ProcessProbe = {
  pid: process.pid,
  host: os.hostname(),
  now: () => Date.now(),
  alive(pid) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      // EPERM: it exists but belongs to another user.
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    // A process killed with -9 answers kill(pid, 0) until its parent reaps it; one whose parent never
    // does (PID 1 in a container that is not an init) would hold the folder for good.
    const stat = procStat(pid);
    return stat === null || !exited(stat);
  },
  startTime(pid) {
    const stat = procStat(pid);
    return stat === null ? null : (statFields(stat)[19] ?? null);
  },
};

/** Linux: /proc/<pid>/stat; null elsewhere or when there is no such process. */
function procStat(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
}

/** The fields after the command (field 2, in parentheses, may hold spaces): the state is field 3, the start time field 22. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Whether /proc/<pid>/stat says the process has ended and waits to be reaped (Z zombie, X dead). */
export function exited(stat: string): boolean {
  const state = statFields(stat)[0];
  return state === 'Z' || state === 'X';
}

export interface FolderLock {
  readonly file: string;
  /** Closes and removes the lock file (if it is still this one). */
  release(): void;
}

/** A lock file younger than this with no readable holder is one being written right now. */
const BEING_WRITTEN_MS = 5_000;

export function lockFolder(folder: string, probe: ProcessProbe = systemProbe): FolderLock {
  const file = path.join(folder, LOCK_FILE);
  // Two rounds: the second follows the takeover of a stale lock.
  for (let round = 0; round < 2; round++) {
    const held = tryCreate(file, probe);
    if (held) return held;
    const holder = readHolder(file);
    if (holder === 'gone') continue;
    if (holder === 'unreadable') {
      if (probe.now() - mtimeOf(file) < BEING_WRITTEN_MS)
        throw new FolderInUseError(`${folder} is being opened by another Risk Warden right now; start again in a moment`);
    } else if (isLive(holder, probe)) {
      throw new FolderInUseError(inUseMessage(folder, file, holder, probe));
    }
    takeOver(file, holder);
  }
  throw new FolderInUseError(`${folder} is being opened by another Risk Warden right now; start again in a moment`);
}

function tryCreate(file: string, probe: ProcessProbe): FolderLock | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
  const holder: LockHolder = {
    pid: probe.pid,
    host: probe.host,
    since: new Date(probe.now()).toISOString(),
    processStart: probe.startTime(probe.pid),
  };
  fs.writeSync(fd, `${JSON.stringify(holder)}\n`);
  fs.fsyncSync(fd);
  const inode = fs.fstatSync(fd).ino;
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      fs.closeSync(fd);
      // Only our own file: after a takeover by a later process (we were presumed dead) it is theirs.
      if (statOrNull(file)?.ino === inode) fs.rmSync(file, { force: true });
    },
  };
}

function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return 'unreadable';
    return {
      pid: parsed.pid,
      host: typeof parsed.host === 'string' ? parsed.host : '',
      since: typeof parsed.since === 'string' ? parsed.since : '',
      processStart: typeof parsed.processStart === 'string' ? parsed.processStart : null,
    };
  } catch {
    return 'unreadable';
  }
}

/** Whether the holder still runs. A holder on another machine (a shared folder) cannot be asked: it counts as live. */
function isLive(holder: LockHolder, probe: ProcessProbe): boolean {
  if (holder.host !== probe.host) return true;
  // Our own pid is alive, but may have been a previous process's (pid 1 in a restarted container).
  if (holder.pid !== probe.pid && !probe.alive(holder.pid)) return false;
  // The pid runs, but is it the same process? A different start time means the pid was reused.
  const started = probe.startTime(holder.pid);
  return holder.processStart === null || started === null || started === holder.processStart;
}

function inUseMessage(folder: string, file: string, holder: LockHolder, probe: ProcessProbe): string {
  let who = `another Risk Warden (pid ${holder.pid})`;
  if (holder.host !== probe.host) who = `Risk Warden on ${holder.host} (pid ${holder.pid})`;
  else if (holder.pid === probe.pid) who = `this Risk Warden process (pid ${holder.pid})`;
  const since = holder.since ? `, since ${holder.since}` : '';
  return (
    `${folder} is already in use by ${who}${since}; one Risk Warden per data folder. ` +
    `Stop that one first, or point --data-dir elsewhere (if no Risk Warden is running, delete ${file})`
  );
}

/** Moves the stale lock aside; if what was moved is not the stale holder's (a race), puts it back. */
function takeOver(file: string, stale: LockHolder | 'unreadable'): void {
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  const same = stale === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && sameHolder(moved, stale);
  if (!same) {
    // Another instance took the folder between our read and the rename: its lock goes back.
    try {
      fs.linkSync(aside, file);
    } finally {
      fs.rmSync(aside, { force: true });
    }
    return;
  }
  fs.rmSync(aside, { force: true });
}

function sameHolder(a: LockHolder, b: LockHolder): boolean {
  return a.pid === b.pid && a.host === b.host && a.since === b.since && a.processStart === b.processStart;
}

function mtimeOf(file: string): number {
  return statOrNull(file)?.mtimeMs ?? 0;
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}
