/**
 * ipcMain and the invoke round trip: the harness carries the page's `ipcRenderer.invoke` here; the
 * reply is what lib/browser/api/web-contents.ts sends back and lib/renderer/api/ipc-renderer.ts
 * turns into the renderer's result or error.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindow } from './browser-window';

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
