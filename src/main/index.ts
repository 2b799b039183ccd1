/**
 * Electron entry: single instance, the same RiskService as the web host, the dashboard window
 * and the IPC bridge. Takes the web host's command line (--api-url, --config, --data-dir …);
 * without --api-url it runs in demo mode against the built-in simulator.
 */
import type { BrowserWindow} from 'electron';
import { app, dialog } from 'electron';
import { bridgeIpc } from './desktop/ipc-bridge';
import { createDashboardWindow } from './desktop/window';
import { launch, type Launched } from './service/launch';
import { parseWebArgs } from './web/cli-args';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let launched: Launched | null = null;
  let window: BrowserWindow | null = null;

  const showWindow = () => {
    if (!launched) return;
    if (!window || window.isDestroyed()) {
      window = createDashboardWindow();
      bridgeIpc(launched.service, window);
    }
    window.show();
    window.focus();
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => void launched?.stop());

  app.whenReady().then(async () => {
    try {
      const options = parseWebArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.env);
      launched = await launch(options.launch);
      showWindow();
    } catch (error) {
      dialog.showErrorBox('Risk Warden cannot start', (error as Error).message);
      app.exit(1);
    }
  });
}
