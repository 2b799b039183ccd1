/**
 * The main-side gate of the Electron bridge, free of Electron so it can be tested: a call is served
 * only from our dashboard's main frame, on the one call channel, and is validated by the shared
 * contract; anything else is refused with an error the renderer sees, never a crash.
 */
import { IPC_CHANNELS } from '../../shared/ipc-channels';

export interface IpcSender {
  sender: unknown;
  senderFrame: unknown;
}

export interface TrustedFrame {
  webContents: unknown;
  mainFrame: unknown;
}

export type Serve = (method: unknown, params: unknown) => Promise<unknown>;

export class IpcRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRefused';
  }
}

export function guardIpc(trusted: () => TrustedFrame | null, serve: Serve) {
  return async (channel: string, event: IpcSender, method: unknown, params: unknown): Promise<unknown> => {
    if (channel !== IPC_CHANNELS.call) throw new IpcRefused(`riskApi: unknown channel ${JSON.stringify(channel)}`);
    const frame = trusted();
    if (!frame || event.sender !== frame.webContents || event.senderFrame !== frame.mainFrame) {
      throw new IpcRefused('riskApi: call refused from an unknown sender');
    }
    return serve(method, params);
  };
}
