/**
 * The data folder's lock on the real file system; the other processes are the boundary: a probe
 * says which pids run, and since when. One case asks the real OS about a process that ended.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exited, FolderInUseError, LOCK_FILE, lockFolder, systemProbe, type ProcessProbe } from '../../../src/main/store/folder-lock';
import { tempDir } from '../../helpers/harness';

const NOW = Date.parse('2026-11-24T15:00:00Z');

/** This machine as a test sees it: `running` maps each live pid to its start time. */
function probe(pid: number, running: Record<number, string>, now = NOW): ProcessProbe {
  return { pid, host: 'trader-pc', now: () => now, alive: (p) => p in running, startTime: (p) => running[p] ?? null };
}

const holderOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };

describe('the data folder lock', () => {
  it('refuses a second instance on the same folder, naming the folder and the pid that holds it', () => {
    const dir = tempDir();
    lockFolder(dir, probe(100, { 100: '5000', 200: '6000' }));
    expect(() => lockFolder(dir, probe(200, { 100: '5000', 200: '6000' }))).toThrow(FolderInUseError);
    expect(() => lockFolder(dir, probe(200, { 100: '5000', 200: '6000' }))).toThrow(
      `${dir} is already in use by another Risk Warden (pid 100), since 2026-11-24T15:00:00.000Z; one Risk Warden per data folder. ` +
        `Stop that one first, or point --data-dir elsewhere (if no Risk Warden is running, delete ${path.join(dir, LOCK_FILE)})`,
    );
    expect(holderOf(dir).pid).toBe(100);
  });

  it('takes over a lock left by a process that no longer runs (kill -9)', () => {
    const dir = tempDir();
    lockFolder(dir, probe(100, { 100: '5000' }));
    const lock = lockFolder(dir, probe(200, { 200: '6000' }));
    expect(holderOf(dir).pid).toBe(200);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (started later: the pid was reused)', () => {
    const dir = tempDir();
    lockFolder(dir, probe(100, { 100: '5000' }));
    lockFolder(dir, probe(200, { 100: '9999', 200: '6000' }));
    expect(holderOf(dir).pid).toBe(200);
  });

  it('refuses when the holder is this very process: two services on one folder in one process', () => {
    const dir = tempDir();
    lockFolder(dir, probe(100, { 100: '5000' }));
    expect(() => lockFolder(dir, probe(100, { 100: '5000' }))).toThrow(/in use by this Risk Warden process \(pid 100\)/);
  });

  it('takes over a lock with its own pid from an earlier process (pid 1 in a restarted container)', () => {
    const dir = tempDir();
    lockFolder(dir, probe(1, { 1: '5000' }));
    const lock = lockFolder(dir, probe(1, { 1: '7000' }));
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it('refuses a lock taken on another machine (a shared folder): its pid cannot be asked', () => {
    const dir = tempDir();
    lockFolder(dir, { ...probe(100, { 100: '5000' }), host: 'office-pc' });
    expect(() => lockFolder(dir, probe(200, { 200: '6000' }))).toThrow(/in use by Risk Warden on office-pc \(pid 100\)/);
  });

  it('waits for a lock file still being written, and takes over one left half-written long ago', () => {
    const dir = tempDir();
    const file = path.join(dir, LOCK_FILE);
    fs.writeFileSync(file, '');
    fs.utimesSync(file, new Date(NOW - 1000), new Date(NOW - 1000));
    expect(() => lockFolder(dir, probe(200, { 200: '6000' }))).toThrow(/is being opened by another Risk Warden right now/);
    fs.utimesSync(file, new Date(NOW - 60_000), new Date(NOW - 60_000));
    lockFolder(dir, probe(200, { 200: '6000' }));
    expect(holderOf(dir).pid).toBe(200);
  });

  it('is private to the trader and removed on release, so the next start finds the folder free', () => {
    const dir = tempDir();
    const lock = lockFolder(dir, probe(100, { 100: '5000', 200: '6000' }));
    expect(fs.statSync(lock.file).mode & 0o777).toBe(0o600);
    lock.release();
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
    lockFolder(dir, probe(200, { 100: '5000', 200: '6000' }));
  });

  it("does not remove another process's lock on release after that one took the folder over", () => {
    const dir = tempDir();
    const first = lockFolder(dir, probe(100, { 100: '5000' }));
    lockFolder(dir, probe(200, { 200: '6000' })); // 100 was presumed dead
    first.release();
    expect(holderOf(dir).pid).toBe(200);
  });

  it('asks the real OS: this process runs, a process that exited does not, and a start time is read on Linux', () => {
    expect(systemProbe.alive(process.pid)).toBe(true);
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    expect(systemProbe.alive(Number(ended.stdout))).toBe(false);
    if (process.platform === 'linux') expect(systemProbe.startTime(process.pid)).toMatch(/^\d+$/);
  });

  it('counts a holder killed with -9 but not yet reaped (a zombie, as under a container PID 1 that never reaps) as gone', () => {
    // /proc/<pid>/stat lines as Linux writes them; the command may hold spaces and parentheses.
    expect(exited('12708 (node) Z 1 12708 12708 0 -1 4228164 0 0')).toBe(true);
    expect(exited('12708 (node) X 1 12708 12708 0 -1 4228164 0 0')).toBe(true);
    expect(exited('12472 (node web (x)) S 1 12472 12472 0 -1 4194560 0 0')).toBe(false);
    expect(exited('12472 (node) R 1 12472 12472 0 -1 4194560 0 0')).toBe(false);
  });
});
