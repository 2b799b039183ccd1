/**
 * The recorded state the test side reads: the record, the app's flags, its windows and its tray
 * icon. Sent on request (requests.ts) and with the exit report (app.ts), so the app is passed in.
 */
import path from 'node:path';
import type { App } from './app';
import { record } from './context';
import { windows, liveTray } from './live-objects';
import type { StandInState } from './protocol';
import type { Tray } from './tray';
import { registeredShortcuts } from './global-shortcut';

export function state(app: Pick<App, 'isReady' | 'isQuitting'>): StandInState {
  return {
    ...record,
    ready: app.isReady(),
    quitting: app.isQuitting,
    windows: [...windows].map((w) => ({
      id: w.id,
      visible: w.visible,
      focused: w.focused,
      url: w.webContents.url,
      options: JSON.parse(JSON.stringify(w.options)) as Record<string, unknown>,
    })),
    tray: trayState(liveTray()),
    shortcuts: registeredShortcuts(),
  };
}

function trayState(tray: Tray | null): StandInState['tray'] {
  return tray
    ? {
        image: path.basename(tray.image.path),
        imageExists: !tray.image.isEmpty(),
        tooltip: tray.tooltip,
        menu: tray.menu?.recorded() ?? [],
      }
    : null;
}
