/**
 * Carries RiskApi over Electron IPC: calls only from our own window, validated in main. Every call
 * is answered with a reply, never a rejection: Electron would prefix a rejection's text with
 * "Error invoking remote method 'riskApi:call': ApiError:", and the trader should read only the reason.
 */
import { ipcMain, type BrowserWindow } from 'electron';
import type { CallReply } from '../../shared/contract';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import { replyToCall, type ApiContext } from '../service/api-handler';
import { guardIpc } from './ipc-guard';

/** `current` is read on every call: the service is replaced when the settings change, and is absent while it starts. */
export function bridgeIpc(current: () => ApiContext, window: () => BrowserWindow | null): () => void {
  const guarded = guardIpc(
    () => {
      const w = window();
      return w && !w.isDestroyed() ? { webContents: w.webContents, mainFrame: w.webContents.mainFrame } : null;
    },
    (method, params) => replyToCall(current(), method, params),
  );
  ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, params: unknown) =>
    guarded(IPC_CHANNELS.call, event, method, params).catch((error: Error): CallReply => ({ ok: false, error: error.message })),
  );
  return () => ipcMain.removeHandler(IPC_CHANNELS.call);
}
