/** Carries RiskApi over Electron IPC: calls only from our own window, validated in main. */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import { handleApiCall } from '../service/api-handler';
import type { RiskService } from '../service/risk-service';

export function bridgeIpc(service: RiskService, window: BrowserWindow): () => void {
  const fromOurWindow = (event: IpcMainInvokeEvent) => event.sender === window.webContents && event.senderFrame === window.webContents.mainFrame;
  ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, params: unknown) => {
    if (!fromOurWindow(event)) throw new Error('riskApi: call refused from an unknown sender');
    return handleApiCall(service, method, params);
  });
  const unsubscribe = service.onSnapshot((snapshot) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, 'snapshot', snapshot);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CHANNELS.call);
  };
}
