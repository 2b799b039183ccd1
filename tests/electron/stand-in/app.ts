/**
 * `app`: lifecycle and the quit sequence, as Browser::Quit / Exit / Shutdown do it
 * (shell/browser/browser.cc): 'before-quit', closing every window (a prevented close cancels the
 * quit), 'will-quit', 'quit', then the process exits with the report of what was recorded.
 */
import { EventEmitter } from 'node:events';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { script, report, record } from './context';
import { ElectronEvent } from './events';
import { windows } from './live-objects';
import { state } from './state';

export class App extends EventEmitter {
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
    report({ kind: 'exit', code: this.exitCode, state: state(this) });
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

export function requireReady(what: string): void {
  if (!app.isReady()) throw new Error(`Cannot create ${what} before app is ready`);
}
