/**
 * The kill switch's global keyboard shortcut: pressed anywhere, even while the dashboard is hidden
 * or another app (the trading platform) has focus. Electron registers it with the OS once the app
 * is ready; another application may already own it, and then register() says so by returning false.
 */
import { globalShortcut } from 'electron';
import type { Logger } from '../log';

/** Ctrl+Alt+Shift+K on Windows and Linux, Cmd+Alt+Shift+K on macOS: four keys, never pressed by accident. */
export const KILL_SWITCH_ACCELERATOR = 'CommandOrControl+Alt+Shift+K';

/** Registers the shortcut (call once the app is ready); returns its unregistration, for will-quit. */
export function registerKillShortcut(press: () => void, logger: Logger): () => void {
  if (!globalShortcut.register(KILL_SWITCH_ACCELERATOR, press)) {
    logger.warn(`the kill switch shortcut ${KILL_SWITCH_ACCELERATOR} is taken by another application: use the tray or the dashboard`);
    return () => undefined;
  }
  return () => globalShortcut.unregister(KILL_SWITCH_ACCELERATOR);
}
