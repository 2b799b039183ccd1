/**
 * The test side's requests over Node's IPC channel (see harness.ts): read the recorded state,
 * carry the page's invoke calls and load results, and act as the trader and the OS would (close a
 * window, end the session, quit, click the tray or one of its menu items, shut the system down).
 */
import { app } from './app';
import { report } from './context';
import { ElectronEvent } from './events';
import { ipcMain } from './ipc-main';
import { windowById, liveTray } from './live-objects';
import { powerMonitor } from './os-surfaces';
import type { ToMain } from './protocol';
import { state } from './state';
import { pressShortcut } from './global-shortcut';

async function serve(request: ToMain): Promise<unknown> {
  switch (request.op) {
    case 'state':
      return state(app);
    case 'invoke':
      return ipcMain.invoke(windowById(request.windowId), request.frame, request.channel, request.args);
    case 'page-loaded':
      windowById(request.windowId).pageLoaded(request.error);
      return null;
    case 'close-window':
      windowById(request.windowId).close();
      return null;
    case 'session-end':
      windowById(request.windowId).sessionEnd();
      return null;
    case 'app-quit':
      // The default application menu's Quit item (role 'quit'), Cmd+Q and the Dock's Quit call app.quit().
      app.quit();
      return null;
    case 'tray-click': {
      const tray = liveTray();
      if (!tray) throw new Error('there is no tray icon');
      tray.emit('click', new ElectronEvent(), {});
      return null;
    }
    case 'tray-menu': {
      const item = liveTray()?.menu?.items.find((i) => i.label === request.label);
      if (!item) throw new Error(`the tray menu has no item ${JSON.stringify(request.label)}`);
      if (item.enabled === false) throw new Error(`the tray menu item ${JSON.stringify(request.label)} is disabled`);
      item.click?.(item, null, {});
      return null;
    }
    case 'shortcut':
      return pressShortcut(request.keys);
    case 'shutdown':
      powerMonitor.emit('shutdown', new ElectronEvent());
      return null;
  }
}

/** Answers each request with a reply carrying its id. */
export function serveHarness(): void {
  process.on('message', (message: { id: number; request: ToMain }) => {
    serve(message.request).then(
      (result) => report({ kind: 'reply', id: message.id, ok: true, result }),
      (error: Error) => report({ kind: 'reply', id: message.id, ok: false, error: error.message }),
    );
  });
}
