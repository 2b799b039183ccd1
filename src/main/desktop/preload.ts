/**
 * The only bridge between the sandboxed renderer and main: `window.riskApi`, two channels,
 * nothing else. Main validates every payload; this side only forwards, and turns a refused call
 * back into an error carrying main's message.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallReply, EventName, RiskApi } from '../../shared/contract';
import { IPC_CHANNELS } from '../../shared/ipc-channels';

const riskApi: RiskApi = {
  async call(method, params) {
    const reply = (await ipcRenderer.invoke(IPC_CHANNELS.call, method, params)) as CallReply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.result as never;
  },
  on(event, listener) {
    const handler = (_: IpcRendererEvent, name: EventName, payload: unknown) => {
      if (name === event) listener(payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(IPC_CHANNELS.event, handler);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.event, handler);
  },
};

contextBridge.exposeInMainWorld('riskApi', riskApi);
