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
