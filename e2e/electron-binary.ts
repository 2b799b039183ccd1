import fs from 'node:fs';
import { electronBinary as installedElectron, electronSqliteBinary } from '../scripts/electron-binary.mjs';

/** Real Electron, once `npm start` has fetched both its runtime and better-sqlite3 for its ABI; null otherwise. */
export function electronBinary(): string | null {
  const binary = installedElectron();
  return binary && fs.existsSync(electronSqliteBinary()) ? binary : null;
}

export const ELECTRON_SKIP_REASON =
  'Electron runtime or its SQLite build not installed (run `npm start` once where its download is reachable); the same flows run in Electron through the stand-in (e2e/desktop-*.spec.ts) and in Chromium through the web host';
