/**
 * A window's web contents: `send` carries main's messages to the page the harness opened (as
 * structured-clone IPC would), and using it after its window is destroyed throws as Electron does.
 */
import { EventEmitter } from 'node:events';
import { report } from './context';
import { destroyedError } from './events';

export class WebFrameMain {
  constructor(readonly name: string) {}
}

export class WebContents extends EventEmitter {
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
