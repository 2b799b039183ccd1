import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/main/store/database';
import { recordKeySource } from '../../src/main/store/record-key';
import { openRecords } from '../../src/main/store/records';
import { RiskStore } from '../../src/main/store/risk-store';
import { tempDir } from './harness';

export function openTestStore(dir = tempDir()): { db: Db; store: RiskStore; file: string } {
  const file = path.join(dir, 'riskwarden.db');
  const db = openDatabase(file);
  const records = openRecords({
    db,
    folder: dir,
    keySource: recordKeySource(dir),
    now: Date.now(),
    onHead: (failure) => {
      if (failure) throw failure;
    },
  });
  return { db, store: new RiskStore(db, records), file };
}

/**
 * Overwrites every page of the database but the first, and its WAL index, with garbage (and its
 * write-ahead log too when `wal` is set): the next read of a table finds it damaged.
 */
export function damage(file: string, { wal = false } = {}): void {
  const parts = wal ? [file, `${file}-wal`, `${file}-shm`] : [file, `${file}-shm`];
  for (const part of parts) {
    const from = part === file ? 4096 : 0;
    const size = fs.statSync(part).size;
    if (size <= from) continue;
    const fd = fs.openSync(part, 'r+');
    fs.writeSync(fd, Buffer.alloc(size - from, 0xab), 0, size - from, from);
    fs.closeSync(fd);
  }
}

/** The database may not grow by a page: a write that needs one is refused with SQLITE_FULL, as on a full disk. */
export function fillDisk(db: Db): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

export function freeDisk(db: Db): void {
  db.pragma('max_page_count = 1073741823');
}
