/**
 * The windows and tray icons main has created and not yet lost: the window list the quit sequence
 * walks (Electron's WindowList), and what the recorded state and the harness's requests look up.
 */
import type { BrowserWindow } from './browser-window';
import type { Tray } from './tray';

export const windows = new Set<BrowserWindow>();

export const trays: Tray[] = [];
export const liveTray = (): Tray | null => trays.filter((t) => !t.destroyed).at(-1) ?? null;

export function windowById(id: number): BrowserWindow {
  const found = [...windows].find((w) => w.id === id);
  if (!found) throw new Error(`no window ${id}`);
  return found;
}
