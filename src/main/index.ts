/**
 * Electron entry: one instance, the same RiskService as the web host, the dashboard window, the
 * tray and the IPC bridge. Settings come from the settings screen (the web host's command line
 * still wins when given); without credentials it runs in demo mode against the built-in simulator.
 * Closing the window hides it: enforcement runs until the trader quits from the tray.
 */
import { app, dialog, Notification, type BrowserWindow } from 'electron';
import path from 'node:path';
import type { Snapshot } from '../shared/contract';
import { bridgeIpc } from './desktop/ipc-bridge';
import { notificationsSince } from './desktop/notifications';
import { quitWarning } from './desktop/quit-warning';
import { safeStorageBox } from './desktop/safe-storage-box';
import { WardenTray } from './desktop/tray';
import { createDashboardWindow } from './desktop/window';
import { IPC_CHANNELS } from '../shared/ipc-channels';
import type { ApiContext } from './service/api-handler';
import { launch, type Launched, type LaunchOptions } from './service/launch';
import type { SettingsPort } from './settings/settings-port';
import { SettingsStore } from './settings/settings-store';
import { parseWebArgs } from './web/cli-args';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let launched: Launched | null = null;
  let window: BrowserWindow | null = null;
  let tray: WardenTray | null = null;
  let settings: SettingsPort | null = null;
  let latest: Snapshot | null = null;
  let lastNotified = Number.POSITIVE_INFINITY;
  let unsubscribe: () => void = () => undefined;
  let quitting = false;

  const showWindow = () => {
    if (!window || window.isDestroyed()) {
      window = createDashboardWindow();
      window.on('close', (event) => {
        if (quitting) return;
        event.preventDefault();
        window?.hide();
      });
    }
    window.show();
    window.focus();
  };

  const onSnapshot = (snapshot: Snapshot) => {
    latest = snapshot;
    tray?.update(snapshot);
    if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, 'snapshot', snapshot);
    // Alerts already in the timeline when the app starts were seen before; only new ones notify.
    if (lastNotified === Number.POSITIVE_INFINITY) lastNotified = Math.max(0, ...snapshot.timeline.map((e) => e.id));
    for (const entry of notificationsSince(lastNotified, snapshot)) {
      if (Notification.isSupported()) new Notification({ title: entry.title, body: entry.detail ?? '' }).show();
      lastNotified = entry.id;
    }
  };

  const start = async (options: LaunchOptions) => {
    launched = await launch(options);
    unsubscribe = launched.service.onSnapshot(onSnapshot);
    onSnapshot(launched.service.snapshot());
  };

  const quit = () => {
    const warning = quitWarning(latest);
    if (warning) {
      const choice = dialog.showMessageBoxSync({ type: 'warning', buttons: ['Keep Risk Warden running', 'Quit and stop enforcement'], defaultId: 0, cancelId: 0, message: 'Quit Risk Warden?', detail: warning });
      if (choice !== 1) return;
    }
    quitting = true;
    app.quit();
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // The window hides instead of closing; the app lives in the tray until Quit.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quit();
  });
  // The store is closed cleanly (WAL checkpointed) before the process ends.
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    tray?.destroy();
    unsubscribe();
    void (launched?.stop() ?? Promise.resolve()).finally(() => {
      stopped = true;
      app.exit(0);
    });
  });

  app.whenReady().then(async () => {
    try {
      const cli = parseWebArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.env);
      const store = new SettingsStore(app.getPath('userData'), safeStorageBox());
      const fromSettings = (): LaunchOptions => {
        const chosen = store.current();
        const gateway = store.credentials();
        return {
          ...cli.launch,
          gateway,
          configFile: chosen.configFile ?? cli.launch.configFile,
          guardAccounts: chosen.accounts,
          dataDir: cliGivesDataDir ? cli.launch.dataDir : path.join(app.getPath('userData'), gateway ? 'live' : 'demo'),
        };
      };
      const cliGivesGateway = cli.launch.gateway !== null;
      const cliGivesDataDir = process.argv.some((arg) => arg === '--data-dir' || arg.startsWith('--data-dir='));
      settings = {
        view: () => store.view(),
        async save(input) {
          const undo = store.undoPoint();
          const previous = fromSettings();
          const view = store.save(input);
          app.setLoginItemSettings({ openAtLogin: view.startAtLogin });
          if (cliGivesGateway) return view;
          unsubscribe();
          await launched?.stop();
          launched = null;
          try {
            await start(fromSettings());
          } catch (error) {
            undo();
            app.setLoginItemSettings({ openAtLogin: store.current().startAtLogin });
            await start(previous);
            throw new Error(`the new settings could not connect (${(error as Error).message}); the previous settings are back in force`);
          }
          return view;
        },
      };
      tray = new WardenTray(app.isPackaged ? path.join(process.resourcesPath, 'assets') : path.join(app.getAppPath(), 'assets'), { show: showWindow, quit });
      bridgeIpc(
        (): ApiContext | null => (launched && settings ? { service: launched.service, settings } : null),
        () => window,
      );
      await start(cliGivesGateway ? cli.launch : fromSettings());
      showWindow();
    } catch (error) {
      dialog.showErrorBox('Risk Warden cannot start', (error as Error).message);
      app.exit(1);
    }
  });
}
