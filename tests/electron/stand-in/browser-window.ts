/**
 * BrowserWindow: creation only once the app is ready, page loads carried out by the harness in
 * Chromium, and close and destruction as native_window.cc and base_window.cc do them (a prevented
 * 'close' cancels a quit in progress; the last window closed tells the app).
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, requireReady } from './app';
import { report } from './context';
import { ElectronEvent, destroyedError } from './events';
import { windows } from './live-objects';
import { WebContents } from './web-contents';

let nextWindowId = 1;

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
