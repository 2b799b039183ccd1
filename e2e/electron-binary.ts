import fs from 'node:fs';
import path from 'node:path';

/** The Electron runtime, when its download could be installed; null where it could not. */
export function electronBinary(): string | null {
  const pathFile = path.resolve('node_modules/electron/path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.resolve('node_modules/electron/dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

export const ELECTRON_SKIP_REASON =
  'Electron runtime not installed (node_modules/electron/dist is missing: its download is not reachable here); the same flows run in Chromium through the web host';
