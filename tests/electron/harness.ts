/**
 * Runs the built desktop app (`out/main/index.js`) under Node with the Electron stand-in, the way
 * `electron .` runs it: its own process, its own argv, a userData folder. Each window main opens
 * becomes a page in Debian's Chromium, with the built preload run as a sandboxed preload and its
 * IPC carried to and from that main process. Tests read the stand-in's record (tray, menus,
 * notifications, dialogs, lifecycle) and drive it as the trader and the OS would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { sandboxedPreload } from './sandboxed-preload';
import type { FromMain, StandInScript, StandInState, ToMain } from './stand-in/protocol';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(ROOT, 'out', 'main', 'index.js');
const REGISTER = path.join(ROOT, 'tests', 'electron', 'stand-in', 'register.ts');
// Electron loads the renderer's module scripts from file://; plain Chromium needs leave to.
const STAND_IN_ARGS = [...CHROMIUM_ARGS, '--allow-file-access-from-files'];

/** A userData folder inside a home folder of its own (the home is its parent). */
export function freshUserData(): string {
  const userData = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rw-desktop-')), 'userData');
  fs.mkdirSync(userData);
  return userData;
}

export interface DesktopOptions {
  args?: string[];
  /** Reuse a userData folder (a restart, a second instance); a fresh one by default. */
  userData?: string;
  platform?: NodeJS.Platform;
  safeStorage?: Partial<StandInScript['safeStorage']>;
  notificationsSupported?: boolean;
  dialogAnswers?: number[];
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  env?: Record<string, string>;
}

export class DesktopApp {
  readonly log: string[] = [];
  readonly pageErrors: string[] = [];
  readonly exited: Promise<number | null>;
  /** What the stand-in recorded as the process exited (tray, dialogs, lifecycle), or at the last state(). */
  lastState: StandInState | null = null;
  private readonly pages = new Map<number, { page: Page; queue: Promise<unknown> }>();
  private readonly pageReady = new Map<number, Promise<Page>>();
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private browser: Promise<Browser> | null = null;
  private readonly closing: Promise<unknown>[] = [];
  private exitCode: number | null | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly userData: string,
    private readonly options: DesktopOptions,
  ) {
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => this.log.push(...chunk.toString().split('\n').filter(Boolean)));
    child.on('message', (message: FromMain) => this.receive(message));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        this.exitCode = code;
        for (const call of this.pending.values()) call.reject(new Error(`the app exited (${code}) before it answered`));
        this.pending.clear();
        resolve(code);
      }),
    );
  }

  static launch(options: DesktopOptions = {}): DesktopApp {
    const userData = options.userData ?? freshUserData();
    const script: StandInScript = {
      appPath: ROOT,
      userData,
      home: path.dirname(userData),
      platform: options.platform ?? 'linux',
      safeStorage: { available: true, backend: 'gnome_libsecret', keyring: 'login keyring', ...options.safeStorage },
      notificationsSupported: options.notificationsSupported ?? true,
      dialogAnswers: options.dialogAnswers ?? [],
    };
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', REGISTER, MAIN, ...(options.args ?? [])], {
      cwd: ROOT,
      // A home of its own: what the app writes there (the XDG autostart entry) stays in the test's folder.
      env: {
        ...process.env,
        HOME: script.home,
        XDG_CONFIG_HOME: path.join(script.home, '.config'),
        RW_LOG_LEVEL: 'info',
        ...options.env,
        RW_STANDIN: JSON.stringify(script),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new DesktopApp(child, userData, options);
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  request<T = unknown>(request: ToMain): Promise<T> {
    if (!this.running) return Promise.reject(new Error(`the app has exited (${this.exitCode})`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, request });
    });
  }

  async state(): Promise<StandInState> {
    this.lastState = await this.request<StandInState>({ op: 'state' });
    return this.lastState;
  }

  /** The page of the first (or given) window, once main has loaded it. */
  async window(windowId = 1): Promise<Page> {
    const deadline = Date.now() + 20_000;
    while (!this.pageReady.has(windowId)) {
      if (!this.running)
        throw new Error(`the app exited (${this.exitCode}) without opening window ${windowId}:\n${this.log.slice(-20).join('\n')}`);
      if (Date.now() > deadline) throw new Error(`main opened no window ${windowId} within 20 s:\n${this.log.slice(-20).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.pageReady.get(windowId)!;
  }

  async close(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
    await Promise.all([
      ...this.closing,
      ...[...this.pages.values()].map(({ page }) =>
        page
          .context()
          .close()
          .catch(() => undefined),
      ),
    ]);
    const browser = await this.browser;
    await browser?.close();
  }

  private receive(message: FromMain): void {
    switch (message.kind) {
      case 'reply': {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) call?.resolve(message.result);
        else call?.reject(new Error(message.error));
        return;
      }
      case 'load':
        this.pageReady.set(message.windowId, this.openPage(message));
        return;
      case 'send': {
        const entry = this.pages.get(message.windowId);
        if (!entry) return; // Nothing in the renderer listens yet: Electron drops it too.
        entry.queue = entry.queue
          .then(() =>
            entry.page.evaluate(
              ([channel, args]) =>
                (globalThis as unknown as { __rwStandInDeliver?(c: unknown, a: unknown): void }).__rwStandInDeliver?.(channel, args),
              [message.channel, message.args] as const,
            ),
          )
          .catch(() => undefined);
        return;
      }
      case 'window-closed': {
        const entry = this.pages.get(message.windowId);
        this.pages.delete(message.windowId);
        if (entry)
          this.closing.push(
            entry.page
              .context()
              .close()
              .catch(() => undefined),
          );
        return;
      }
      case 'main-error':
        this.log.push(`[stand-in] main error: ${message.message}`);
        return;
      case 'exit':
        this.lastState = message.state;
        this.log.push(`[stand-in] exit ${message.code}`);
        return;
    }
  }

  private async openPage(load: Extract<FromMain, { kind: 'load' }>): Promise<Page> {
    this.browser ??= chromium.launch({ executablePath: CHROMIUM, args: STAND_IN_ARGS });
    const context = await (
      await this.browser
    ).newContext({ viewport: this.options.viewport ?? { width: 1280, height: 860 }, colorScheme: this.options.colorScheme ?? 'dark' });
    const page = await context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    await page.exposeBinding('__rwStandInInvoke', ({ frame }, channel: string, args: unknown[]) =>
      this.request({ op: 'invoke', windowId: load.windowId, frame: frame === page.mainFrame() ? 'main' : 'sub', channel, args }),
    );
    // Electron reports a preload it cannot read ("Unable to load preload script") and loads the page without it.
    if (load.preload && fs.existsSync(load.preload))
      await page.addInitScript({ content: sandboxedPreload(fs.readFileSync(load.preload, 'utf8')) });
    else this.pageErrors.push(`Unable to load preload script: ${load.preload}`);
    this.pages.set(load.windowId, { page, queue: Promise.resolve() });
    let error: string | null = null;
    try {
      await page.goto(load.url);
    } catch (failure) {
      error = (failure as Error).message;
    }
    await this.request({ op: 'page-loaded', windowId: load.windowId, error }).catch(() => undefined);
    return page;
  }
}
