/**
 * globalShortcut as Electron documents it (api/global-shortcut.md): usable only once the app is
 * ready; register(accelerator, callback) returns whether the OS took it, and fails silently (false)
 * when another application holds it; the callback is called with no arguments; isRegistered,
 * unregister and unregisterAll as named. An accelerator's CommandOrControl (CmdOrCtrl) is Command on
 * macOS and Control elsewhere, so the test side presses the keys of the platform it scripted.
 */
import { requireReady } from './app';
import { script } from './context';

const registered = new Map<string, () => void>();

/** The keys an accelerator stands for on this platform, in one spelling: "Alt+Control+Shift+K". */
export function keysOf(accelerator: string): string {
  const names: Record<string, string> = {
    commandorcontrol: script.platform === 'darwin' ? 'Command' : 'Control',
    cmdorctrl: script.platform === 'darwin' ? 'Command' : 'Control',
    command: 'Command',
    cmd: 'Command',
    control: 'Control',
    ctrl: 'Control',
    alt: 'Alt',
    option: 'Alt',
    shift: 'Shift',
    super: 'Super',
    meta: 'Super',
  };
  const parts = accelerator.split('+').map((part) => names[part.toLowerCase()] ?? part.toUpperCase());
  const key = parts.pop() ?? '';
  return [...[...new Set(parts)].sort(), key].join('+');
}

export const globalShortcut = {
  register(accelerator: string, callback: () => void): boolean {
    requireReady('globalShortcut');
    registered.set(keysOf(accelerator), callback);
    return true;
  },
  isRegistered(accelerator: string): boolean {
    return registered.has(keysOf(accelerator));
  },
  unregister(accelerator: string): void {
    registered.delete(keysOf(accelerator));
  },
  unregisterAll(): void {
    registered.clear();
  },
};

/** The keys held by this app, for the recorded state. */
export function registeredShortcuts(): string[] {
  return [...registered.keys()];
}

/** The trader pressed these keys anywhere on the desktop: the app holding them hears it; false when none does. */
export function pressShortcut(keys: string): boolean {
  const callback = registered.get(keysOf(keys));
  callback?.();
  return callback !== undefined;
}
