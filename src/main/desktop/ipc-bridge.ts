/** Carries RiskApi over Electron IPC: calls only from our own window, validated in main. */
import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import { handleApiCall, type ApiContext } from '../service/api-handler';
import { guardIpc } from './ipc-guard';

/** `current` is read on every call: the service is replaced when the settings change. */
export function bridgeIpc(current: () => ApiContext | null, window: () => BrowserWindow | null): () => void {
  const guarded = guardIpc(
    () => {
      const w = window();
      return w && !w.isDestroyed() ? { webContents: w.webContents, mainFrame: w.webContents.mainFrame } : null;
    },
    (method, params) => {
      const context = current();
      if (!context) return Promise.reject(new Error('Risk Warden is restarting its connection; try again in a moment'));
      return handleApiCall(context, method, params);
    },
  );
  ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, params: unknown) => guarded(IPC_CHANNELS.call, event, method, params));
  return () => ipcMain.removeHandler(IPC_CHANNELS.call);
}
