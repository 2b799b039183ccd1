/**
 * Watches the config file by polling what stat says of it (which file, its size, its modification
 * and change times), never its contents: an unchanged file costs one stat a poll however large it
 * is, and whatever sits at the path (a named pipe, a device) is never read here — the loader
 * decides whether to read it. Editors that save by renaming a new file over the old one still
 * count, and an edit made right after start is never missed because the baseline is taken before
 * watching begins.
 */
import fs from 'node:fs';

/** What identifies one version of the file; null while nothing is at the path. */
function signature(file: string): string | null {
  try {
    const stats = fs.statSync(file, { bigint: true });
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  } catch {
    return null;
  }
}

export function watchConfigFile(file: string, onChange: () => void, intervalMs = 500): () => void {
  let last = signature(file);
  const timer = setInterval(() => {
    const now = signature(file);
    if (now === last) return;
    last = now;
    onChange();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
