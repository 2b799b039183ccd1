/**
 * Electron entry: one instance, the same RiskService as the web host (kept running by the
 * supervisor), the dashboard window, the tray and the IPC bridge. Settings come from the settings
 * screen; a connection given on the command line (--api-url) wins and makes them read-only, and
 * --config / --accounts / --data-dir win over their saved values. Without credentials it runs in
 * demo mode against the built-in simulator. Closing the window hides it: enforcement runs until
 * the trader quits (tray, app menu, Cmd+Q), which asks first when positions are open or an
 * account is locked.
 */
import { app, dialog, Notification, powerMonitor, type BrowserWindow } from 'electron';
import os from 'node:os';
import path from 'node:path';
import type { Snapshot } from '../shared/contract';
import { IPC_CHANNELS } from '../shared/ipc-channels';
import { splitDesktopArgv } from './desktop/desktop-args';
import { createAutostart } from './desktop/autostart';
import { registerKillShortcut } from './desktop/kill-shortcut';
import { DesktopSettings } from './desktop/desktop-settings';
import { bridgeIpc } from './desktop/ipc-bridge';
import { NotificationFeed } from './desktop/notifications';
import { quitWarning } from './desktop/quit-warning';
import { safeStorageBox } from './desktop/safe-storage-box';
import { settingsLaunchOptions } from './desktop/settings-launch-options';
import { WardenTray } from './desktop/tray';
import { createDashboardWindow } from './desktop/window';
import { createLogger } from './log';
import { launch } from './service/launch';
import { ServiceSupervisor } from './service/supervisor';
import type { SettingsPort } from './settings/settings-port';
import { SettingsStore } from './settings/settings-store';
import { commandLineSettings } from './web/command-line-settings';
import { parseWebArgs, USAGE } from './web/cli-args';

/** Matches electron-builder.yml's appId: Windows shows toasts only for a registered AppUserModelID. */
const APP_ID = 'com.riskwarden.app';
const QUIT_WAIT_MS = 5000;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  runDesktopApp();
}

function runDesktopApp(): void {
  const logger = createLogger('desktop');
  let window: BrowserWindow | null = null;
  let tray: WardenTray | null = null;
  let latest: Snapshot | null = null;
  let feed = new NotificationFeed();
  let unsubscribe: () => void = () => undefined;
  let quitConfirmed = false;
  let unregisterKillShortcut: () => void = () => undefined;

  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  const showWindow = () => {
    // After a confirmed quit the service is stopping: no new dashboard for a second start or the Dock.
    if (!app.isReady() || quitConfirmed) return;
    if (!window || window.isDestroyed()) {
      window = createDashboardWindow(app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null));
      window.on('close', (event) => {
        if (quitConfirmed) return;
        event.preventDefault();
        window?.hide();
      });
      // Windows ends the process right after a logoff; only a synchronous close of the store fits in.
      window.on('session-end', () => supervisor.current()?.service.closeStoreNow());
    }
    window.show();
    window.focus();
  };

  const onSnapshot = (snapshot: Snapshot) => {
    latest = snapshot;
    tray?.update(snapshot);
    if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, 'snapshot', snapshot);
    for (const entry of feed.fresh(snapshot)) {
      if (Notification.isSupported()) new Notification({ title: entry.title, body: entry.detail ?? '' }).show();
    }
  };

  // The lock shows in the tray and notifies like any lock; only a kill switch that found no service says so here.
  const pressKillSwitch = (source: 'tray' | 'shortcut') => {
    const service = supervisor.current()?.service;
    if (service) return void service.killSwitch(source);
    const why = `Kill switch: nothing was flattened, Risk Warden is not running (${supervisor.whyNotRunning()})`;
    logger.error(why);
    if (Notification.isSupported()) new Notification({ title: 'Kill switch not carried out', body: why }).show();
  };

  const supervisor = new ServiceSupervisor({
    launch,
    onChange(launched) {
      unsubscribe();
      unsubscribe = () => undefined;
      if (!launched) {
        latest = null;
        tray?.showProblem(supervisor.whyNotRunning());
        return;
      }
      feed = new NotificationFeed();
      unsubscribe = launched.service.onSnapshot(onSnapshot);
      onSnapshot(launched.service.snapshot());
    },
  });

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // The window only hides; the app lives in the tray until the trader quits.
  app.on('window-all-closed', () => undefined);
  // Every quit (tray, app menu, Cmd+Q, Dock) passes here once: quitting stops enforcement, so ask first.
  app.on('before-quit', (event) => {
    if (quitConfirmed) return;
    const warning = quitWarning(latest);
    const confirmed =
      !warning ||
      dialog.showMessageBoxSync({
        type: 'warning',
        buttons: ['Keep Risk Warden running', 'Quit and stop enforcement'],
        defaultId: 0,
        cancelId: 0,
        message: 'Quit Risk Warden?',
        detail: warning,
      }) === 1;
    if (!confirmed) {
      event.preventDefault();
      return;
    }
    quitConfirmed = true;
  });
  // The store is closed cleanly (WAL checkpointed) before the process ends.
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    tray?.destroy();
    tray = null;
    unregisterKillShortcut();
    unsubscribe();
    // A gateway that does not answer must not keep the process alive: SQLite's WAL survives an exit anyway.
    const giveUp = new Promise<void>((resolve) =>
      setTimeout(() => {
        logger.warn(`stopping took over ${QUIT_WAIT_MS} ms; exiting`);
        resolve();
      }, QUIT_WAIT_MS).unref(),
    );
    void Promise.race([supervisor.stop(), giveUp])
      .catch((error: Error) => logger.error(`stopping: ${error.message}`))
      .finally(() => {
        stopped = true;
        app.exit(0);
      });
  });

  let cli;
  const { ours, notOurs } = splitDesktopArgv(process.argv.slice(app.isPackaged ? 1 : 2));
  try {
    cli = parseWebArgs(ours, process.env);
  } catch (error) {
    void app.whenReady().then(() => {
      dialog.showErrorBox('Risk Warden: a command-line option is wrong', `${(error as Error).message}\n\n${USAGE}`);
      app.exit(2);
    });
    return;
  }
  if (notOurs.length > 0) logger.info(`left to Chromium (not Risk Warden options): ${notOurs.join(' ')}`);
  const options = cli.launch;

  void app.whenReady().then(async () => {
    // On macOS/Linux the OS may end while the app runs: quit through will-quit so the store closes.
    // The listener gets a preventable event (documented), though Electron's typings omit it.
    const onShutdown = (event: Electron.Event) => {
      event.preventDefault();
      quitConfirmed = true;
      app.quit();
    };
    powerMonitor.on('shutdown', onShutdown as () => void);
    const keychain = safeStorageBox();
    const store = new SettingsStore(app.getPath('userData'), keychain);
    // Electron's login items exist on macOS and Windows only; on Linux an XDG autostart entry does it.
    const autostart = createAutostart({
      platform: process.platform,
      env: process.env,
      homedir: os.homedir(),
      execPath: process.execPath,
      args: app.isPackaged ? [] : [app.getAppPath()],
      setLoginItem: (settings) => app.setLoginItemSettings(settings),
      getLoginItem: () => app.getLoginItemSettings(),
    });
    const launchOptions = settingsLaunchOptions({
      store,
      commandLine: options,
      dataDirGiven: ours.some((arg) => arg === '--data-dir' || arg.startsWith('--data-dir=')),
      userData: app.getPath('userData'),
    });
    const settings: SettingsPort = options.gateway
      ? commandLineSettings(options)
      : new DesktopSettings({ store, supervisor, autostart, launchOptions });
    tray = new WardenTray(app.isPackaged ? path.join(process.resourcesPath, 'assets') : path.join(app.getAppPath(), 'assets'), {
      show: showWindow,
      quit: () => app.quit(),
      killSwitch: () => pressKillSwitch('tray'),
    });
    unregisterKillShortcut = registerKillShortcut(() => pressKillSwitch('shortcut'), logger);
    bridgeIpc(
      () => ({
        service: supervisor.current()?.service ?? null,
        whyNoService: supervisor.whyNotRunning(),
        settings,
        demo: supervisor.current()?.demo ?? null,
      }),
      () => window,
    );
    await supervisor.start(() => ({ ...(options.gateway ? options : launchOptions()), keychain }));
    showWindow();
  });
}
