/**
 * Watches the config file by polling its contents (a small file): editors that save by renaming a
 * new file over the old one still count, and an edit made right after start is never missed
 * because the baseline is read before watching begins.
 */
import fs from 'node:fs';

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function watchConfigFile(file: string, onChange: () => void, intervalMs = 500): () => void {
  let last = read(file);
  const timer = setInterval(() => {
    const now = read(file);
    if (now === last) return;
    last = now;
    onChange();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
