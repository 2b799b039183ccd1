import path from 'node:path';
import { openDatabase, type Db } from '../../src/main/store/database';
import { RiskStore } from '../../src/main/store/risk-store';
import { tempDir } from './harness';

export function openTestStore(dir = tempDir()): { db: Db; store: RiskStore; file: string } {
  const file = path.join(dir, 'riskwarden.db');
  const db = openDatabase(file);
  return { db, store: new RiskStore(db), file };
}
