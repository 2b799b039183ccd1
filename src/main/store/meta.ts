/** The `meta` table: one value per key, for what the store keeps about itself (mode, database id, saves, config in force). */
import type { Db } from './database';

export function readMeta(db: Db, key: string): string | null {
  return (db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
}

export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, value);
}
