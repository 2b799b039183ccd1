/**
 * A stand-in for the `electron` module, loaded in place of it (see register.ts) when the built
 * main process `out/main/index.js` runs under Node. Electron's runtime cannot be downloaded on
 * every machine; this lets the real main process, service, store and engine run as the desktop
 * app does, with only the Electron runtime faked.
 *
 * Each piece mirrors Electron 45's documented behaviour and its source (cited per piece):
 * lifecycle and the quit sequence (shell/browser/browser.cc), window close and destruction
 * (native_window.cc, base_window.cc), invoke dispatch and its error text (lib/browser/api/web-contents.ts,
 * lib/renderer/api/ipc-renderer.ts), safeStorage (shell/browser/api/electron_api_safe_storage.cc).
 * OS surfaces (tray, menus, notifications, dialogs) record what main asked for and answer from a
 * script, so tests can read and drive them. What it cannot mirror: GPU, real OS prompts and
 * shell integration, native window managers, Chromium's own process model.
 *
 * The test side talks to this process over Node's IPC channel (see harness.ts): it reads the
 * recorded state, clicks tray items, closes windows, asks to quit, and carries the renderer's
 * `ipcRenderer.invoke` calls and main's `webContents.send` messages.
 */
import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { seal, unseal } from './keyring';
import type { StandInScript, StandInState, ToMain, FromMain, RecordedMenuItem } from './protocol';

const script: StandInScript = JSON.parse(process.env.RW_STANDIN ?? 'null') as StandInScript;
if (!script || !process.send)
  throw new Error('the Electron stand-in runs only under tests/electron/harness.ts (RW_STANDIN and an IPC channel are missing)');

function report(message: FromMain): void {
  process.send!(message);
}

/** Electron's app/window events: `preventDefault()` sets `defaultPrevented`. */
class ElectronEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

function destroyedError(): TypeError {
  return new TypeError('Object has been destroyed');
}

const record: Omit<StandInState, 'windows' | 'tray' | 'ready' | 'quitting'> = {
  lifecycle: [],
  notifications: [],
  dialogs: [],
  errorBoxes: [],
  loginItem: { openAtLogin: false },
  appUserModelId: null,
  openedExternally: [],
  mainErrors: [],
};

// ——— app: lifecycle and the quit sequence, as Browser::Quit / Exit / Shutdown do it ———

class App extends EventEmitter {
  isPackaged = false;
  readonly commandLine = {
    appendSwitch: (name: string) => record.lifecycle.push(`commandLine.appendSwitch ${name}`),
    hasSwitch: (name: string) => process.argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`)),
  };
  private ready = false;
  private quitting = false;
  private exiting = false;
  private shutDown = false;
  private exitCode = 0;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private singleton: net.Server | null = null;

  constructor() {
    super();
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
    // Electron's own default (lib/browser/init.ts): with no other listener, closing the last window quits.
    this.on('window-all-closed', () => {
      if (this.listenerCount('window-all-closed') === 1) this.quit();
    });
  }

  /** Browser::DidFinishLaunching: after the main script's first run, the userData folder exists, then 'ready'. */
  finishLaunching(): void {
    fs.mkdirSync(script.userData, { recursive: true });
    this.ready = true;
    this.log('ready');
    this.resolveReady();
    this.emit('will-finish-launching');
    this.emit('ready', new ElectronEvent(), {});
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  get isQuitting(): boolean {
    return this.quitting;
  }

  getName(): string {
    return 'riskwarden';
  }

  getVersion(): string {
    return '0.1.0';
  }

  getAppPath(): string {
    return script.appPath;
  }

  getPath(name: string): string {
    const paths: Record<string, string> = {
      userData: script.userData,
      appData: path.dirname(script.userData),
      home: script.home,
      temp: script.home,
      logs: path.join(script.userData, 'logs'),
    };
    const found = paths[name];
    if (!found) throw new Error(`Failed to get '${name}' path`);
    return found;
  }

  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    // Documented for macOS and Windows only; on Linux Electron does nothing.
    if (script.platform === 'linux') return;
    record.loginItem = { openAtLogin: Boolean(settings.openAtLogin) };
  }

  getLoginItemSettings(): { openAtLogin: boolean } {
    return { ...record.loginItem };
  }

  setAppUserModelId(id: string): void {
    record.appUserModelId = id;
  }

  /**
   * ProcessSingleton: the first instance owns a socket in userData; a later one notifies it
   * (synchronously, as Chromium does) and gets false. The first emits 'second-instance' with the argv.
   */
  requestSingleInstanceLock(): boolean {
    const socketPath = path.join(script.userData, 'SingletonSocket');
    fs.mkdirSync(script.userData, { recursive: true });
    const notify = spawnSync(process.execPath, ['-e', NOTIFY_SINGLETON, socketPath, JSON.stringify(process.argv)], { encoding: 'utf8' });
    if (notify.status === 0) {
      this.log('single-instance lock refused: another instance is running');
      return false;
    }
    fs.rmSync(socketPath, { force: true });
    this.singleton = net.createServer((socket) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => {
        socket.end();
        this.emit('second-instance', new ElectronEvent(), JSON.parse(text) as string[], process.cwd(), null);
      });
    });
    this.singleton.listen(socketPath);
    this.singleton.unref();
    return true;
  }

  quit(): void {
    this.log('app.quit()');
    if (this.quitting) return;
    this.quitting = this.handleBeforeQuit();
    if (!this.quitting) return;
    if (windows.size === 0) this.notifyAndShutdown();
    else for (const window of [...windows]) window.close();
  }

  exit(code = 0): void {
    this.log(`app.exit(${code})`);
    this.exitCode = code;
    if (!this.ready) return this.terminate();
    this.quitting = true;
    this.exiting = true;
    // Unlike quit(), windows are destroyed without asking.
    if (windows.size === 0) this.shutdown();
    else for (const window of [...windows]) window.destroy();
  }

  relaunch(): void {
    this.log('app.relaunch()');
  }

  focus(): void {}

  /** WindowList observer: a window whose close was prevented cancels the quit in progress. */
  windowCloseCancelled(): void {
    if (this.quitting) this.quitting = false;
  }

  windowAllClosed(): void {
    if (this.exiting) this.shutdown();
    else if (this.quitting) this.notifyAndShutdown();
    else this.emit('window-all-closed');
  }

  private handleBeforeQuit(): boolean {
    const event = new ElectronEvent();
    this.emit('before-quit', event);
    this.log(event.defaultPrevented ? 'before-quit (prevented)' : 'before-quit');
    return !event.defaultPrevented;
  }

  private notifyAndShutdown(): void {
    if (this.shutDown) return;
    const event = new ElectronEvent();
    this.emit('will-quit', event);
    this.log(event.defaultPrevented ? 'will-quit (prevented)' : 'will-quit');
    if (event.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.shutdown();
  }

  private shutdown(): void {
    if (this.shutDown) return;
    this.shutDown = true;
    this.quitting = true;
    this.emit('quit', new ElectronEvent(), this.exitCode);
    this.log('quit');
    // The message loop ends after the tasks already queued; the process then exits.
    setImmediate(() => this.terminate());
  }

  private terminate(): void {
    this.singleton?.close();
    report({ kind: 'exit', code: this.exitCode, state: state() });
    process.exitCode = this.exitCode;
    process.disconnect?.();
    process.exit(this.exitCode);
  }

  private log(entry: string): void {
    record.lifecycle.push(entry);
  }
}

/** Run by the second instance: hand the argv to the first through its socket, exit 0 if it answered. */
const NOTIFY_SINGLETON = `
const net = require('node:net');
const socket = net.connect(process.argv[1], () => socket.end(process.argv[2]));
socket.on('error', () => process.exit(1));
socket.on('close', (hadError) => process.exit(hadError ? 1 : 0));
setTimeout(() => process.exit(1), 2000);
`;

export const app = new App();
const keepAlive = setInterval(() => undefined, 1 << 30);
app.once('quit', () => clearInterval(keepAlive));

function requireReady(what: string): void {
  if (!app.isReady()) throw new Error(`Cannot create ${what} before app is ready`);
}

// ——— windows and web contents ———

const windows = new Set<BrowserWindow>();
let nextWindowId = 1;

class WebFrameMain {
  constructor(readonly name: string) {}
}

class WebContents extends EventEmitter {
  readonly mainFrame = new WebFrameMain('main');
  readonly subFrame = new WebFrameMain('sub');
  destroyed = false;
  url = '';
  windowOpenHandler: unknown = null;

  constructor(readonly id: number) {
    super();
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw destroyedError();
    // IPC arguments are serialised with the structured clone algorithm; JSON covers what main sends.
    report({ kind: 'send', windowId: this.id, channel, args: JSON.parse(JSON.stringify(args)) as unknown[] });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return this.url;
  }

  setWindowOpenHandler(handler: unknown): void {
    this.windowOpenHandler = handler;
  }

  openDevTools(): void {}
}

export class BrowserWindow extends EventEmitter {
  readonly id: number;
  readonly webContents: WebContents;
  visible = false;
  focused = false;
  private destroyed = false;
  private shownOnce = false;
  private loaded: { resolve(): void; reject(error: Error): void } | null = null;

  static getAllWindows(): BrowserWindow[] {
    return [...windows];
  }

  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return [...windows].find((w) => w.webContents === contents) ?? null;
  }

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    requireReady('BrowserWindow');
    this.id = nextWindowId++;
    this.webContents = new WebContents(this.id);
    windows.add(this);
    this.visible = options.show !== false;
  }

  loadFile(file: string): Promise<void> {
    return this.load(pathToFileURL(path.resolve(file)).href);
  }

  loadURL(url: string): Promise<void> {
    return this.load(url);
  }

  /** The harness opens the page in Chromium; 'did-finish-load' then 'ready-to-show' follow its load. */
  private load(url: string): Promise<void> {
    this.alive();
    this.webContents.url = url;
    const preload = (this.options.webPreferences as { preload?: string } | undefined)?.preload ?? null;
    report({
      kind: 'load',
      windowId: this.id,
      url,
      preload,
      webPreferences: (this.options.webPreferences ?? {}) as Record<string, unknown>,
    });
    return new Promise((resolve, reject) => (this.loaded = { resolve, reject }));
  }

  pageLoaded(error: string | null): void {
    if (this.destroyed) return;
    if (error) {
      this.webContents.emit('did-fail-load', new ElectronEvent(), -6, error, this.webContents.url);
      this.loaded?.reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${this.webContents.url}'`));
      return;
    }
    // Emitted at the first paint only while the window is still hidden (BrowserWindow::DidFirstVisuallyNonEmptyPaint).
    if (!this.visible && !this.shownOnce) this.emit('ready-to-show', new ElectronEvent());
    this.shownOnce = true;
    this.webContents.emit('did-finish-load', new ElectronEvent());
    this.loaded?.resolve();
  }

  show(): void {
    this.alive();
    this.visible = true;
    this.focused = true;
    this.emit('show', new ElectronEvent());
  }

  hide(): void {
    this.alive();
    this.visible = false;
    this.focused = false;
    this.emit('hide', new ElectronEvent());
  }

  focus(): void {
    this.alive();
    this.focused = true;
  }

  restore(): void {
    this.alive();
  }

  isMinimized(): boolean {
    return false;
  }

  isVisible(): boolean {
    this.alive();
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /**
   * Same as the user's close button: 'close' is emitted at once and may be prevented (then a quit
   * in progress is cancelled); otherwise the window closes in a later task: 'closed', destroyed,
   * removed from the window list.
   */
  close(): void {
    this.alive();
    const event = new ElectronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) {
      app.windowCloseCancelled();
      return;
    }
    setImmediate(() => this.closed());
  }

  /** Destroys without 'close' (what app.exit does to every window). */
  destroy(): void {
    this.closed();
  }

  sessionEnd(): void {
    this.emit('session-end', new ElectronEvent());
  }

  private closed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
    windows.delete(this);
    report({ kind: 'window-closed', windowId: this.id });
    if (windows.size === 0) app.windowAllClosed();
  }

  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }
}

// ——— ipcMain and the invoke round trip ———

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** web-contents.ts '-ipc-invoke': the handler's result, or `error.toString()` of what it threw. */
  async invoke(
    window: BrowserWindow,
    frame: 'main' | 'sub',
    channel: string,
    args: unknown[],
  ): Promise<{ result?: unknown; error?: string }> {
    const event = {
      sender: window.webContents,
      senderFrame: frame === 'main' ? window.webContents.mainFrame : window.webContents.subFrame,
      processId: 1,
      frameId: frame === 'main' ? 1 : 2,
    };
    const handler = this.handlers.get(channel);
    try {
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return { result: JSON.parse(JSON.stringify((await handler(event, ...args)) ?? null)) as unknown };
    } catch (error) {
      return { error: String(error) };
    }
  }
}

export const ipcMain = new IpcMain();

// ——— safeStorage, as electron_api_safe_storage.cc decides availability and errors ———

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    if (!app.isReady()) return false;
    return script.safeStorage.available;
  },
  getSelectedStorageBackend(): string {
    if (script.platform !== 'linux') throw new TypeError('safeStorage.getSelectedStorageBackend is not a function');
    return app.isReady() ? script.safeStorage.backend : 'unknown';
  },
  encryptString(plain: string): Buffer {
    if (!safeStorage.isEncryptionAvailable()) {
      if (!app.isReady()) throw new Error('safeStorage cannot be used before app is ready');
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    }
    return seal(script.safeStorage.keyring, plain);
  },
  decryptString(sealed: Buffer): string {
    if (!safeStorage.isEncryptionAvailable()) {
      if (!app.isReady()) throw new Error('safeStorage cannot be used before app is ready');
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    }
    try {
      return unseal(script.safeStorage.keyring, sealed);
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
};

// ——— OS surfaces: recorded, answered from the script ———

class NativeImage {
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return !fs.existsSync(this.path);
  }
}

export const nativeImage = {
  createFromPath: (file: string) => new NativeImage(file),
  createEmpty: () => new NativeImage(''),
};

interface MenuItemOptions {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  click?: (item: unknown, window: unknown, event: unknown) => void;
  submenu?: MenuItemOptions[];
}

export class Menu {
  private static applicationMenu: Menu | null = null;

  constructor(readonly items: MenuItemOptions[]) {}

  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    return new Menu(template);
  }

  static setApplicationMenu(menu: Menu | null): void {
    Menu.applicationMenu = menu;
  }

  static getApplicationMenu(): Menu | null {
    return Menu.applicationMenu;
  }

  recorded(): RecordedMenuItem[] {
    return this.items.map((item) => ({
      label: item.label ?? '',
      type: item.type ?? 'normal',
      enabled: item.enabled !== false,
      role: item.role ?? null,
    }));
  }
}

const trays: Tray[] = [];
const liveTray = (): Tray | null => trays.filter((t) => !t.destroyed).at(-1) ?? null;

export class Tray extends EventEmitter {
  image: NativeImage;
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;

  constructor(image: NativeImage) {
    super();
    requireReady('Tray');
    this.image = image;
    trays.push(this);
  }

  setImage(image: NativeImage): void {
    this.image = image;
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return script.notificationsSupported;
  }

  constructor(private readonly options: { title?: string; body?: string } = {}) {
    super();
    requireReady('Notification');
  }

  show(): void {
    record.notifications.push({ title: this.options.title ?? '', body: this.options.body ?? '' });
  }
}

/** Scripted answers, in order; past the script a message box is dismissed (its cancelId). */
const dialogAnswers = [...script.dialogAnswers];

export const dialog = {
  showMessageBoxSync(...args: unknown[]): number {
    const options = (args.length > 1 ? args[1] : args[0]) as { message?: string; detail?: string; buttons?: string[]; cancelId?: number };
    const answer = dialogAnswers.shift() ?? options.cancelId ?? 0;
    record.dialogs.push({ message: options.message ?? '', detail: options.detail ?? '', buttons: options.buttons ?? [], answer });
    return answer;
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    return { response: dialog.showMessageBoxSync(...args), checkboxChecked: false };
  },
  showErrorBox(title: string, content: string): void {
    record.errorBoxes.push({ title, content });
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    record.openedExternally.push(url);
  },
};

export const powerMonitor = new EventEmitter();

// ——— the test side's requests ———

function state(): StandInState {
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

function windowById(id: number): BrowserWindow {
  const found = [...windows].find((w) => w.id === id);
  if (!found) throw new Error(`no window ${id}`);
  return found;
}

async function serve(request: ToMain): Promise<unknown> {
  switch (request.op) {
    case 'state':
      return state();
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
    case 'shutdown':
      powerMonitor.emit('shutdown', new ElectronEvent());
      return null;
  }
}

process.on('message', (message: { id: number; request: ToMain }) => {
  serve(message.request).then(
    (result) => report({ kind: 'reply', id: message.id, ok: true, result }),
    (error: Error) => report({ kind: 'reply', id: message.id, ok: false, error: error.message }),
  );
});

// Electron shows "A JavaScript error occurred in the main process" and keeps running.
process.on('uncaughtException', (error) => {
  record.mainErrors.push(error.stack ?? String(error));
  report({ kind: 'main-error', message: error.stack ?? String(error) });
});
process.on('unhandledRejection', (reason) => {
  record.mainErrors.push(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
  report({ kind: 'main-error', message: String(reason) });
});

setImmediate(() => app.finishLaunching());

export default { app, BrowserWindow, ipcMain, safeStorage, nativeImage, Menu, Tray, Notification, dialog, shell, powerMonitor };
