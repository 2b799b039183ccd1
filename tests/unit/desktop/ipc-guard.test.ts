import { describe, expect, it, vi } from 'vitest';
import { guardIpc } from '../../../src/main/desktop/ipc-guard';
import { IPC_CHANNELS } from '../../../src/shared/ipc-channels';

const webContents = { id: 1 };
const mainFrame = { id: 'main' };
const ours = { sender: webContents, senderFrame: mainFrame };

describe('Electron IPC gate', () => {
  it('serves calls from our dashboard main frame on the call channel', async () => {
    const serve = vi.fn(() => Promise.resolve('snapshot'));
    const call = guardIpc(() => ({ webContents, mainFrame }), serve);
    await expect(call(IPC_CHANNELS.call, ours, 'getSnapshot', {})).resolves.toBe('snapshot');
    expect(serve).toHaveBeenCalledWith('getSnapshot', {});
  });

  it.each([
    ['an unknown channel', 'riskApi:shell', ours, /unknown channel "riskApi:shell"/],
    ['another window', IPC_CHANNELS.call, { sender: { id: 2 }, senderFrame: mainFrame }, /unknown sender/],
    ['a subframe of our window', IPC_CHANNELS.call, { sender: webContents, senderFrame: { id: 'iframe' } }, /unknown sender/],
  ])('refuses %s without serving it', async (_what, channel, event, message) => {
    const serve = vi.fn(() => Promise.resolve(null));
    await expect(guardIpc(() => ({ webContents, mainFrame }), serve)(channel, event, 'getSnapshot', {})).rejects.toThrow(message);
    expect(serve).not.toHaveBeenCalled();
  });

  it('refuses calls while the window is gone', async () => {
    await expect(
      guardIpc(
        () => null,
        () => Promise.resolve(null),
      )(IPC_CHANNELS.call, ours, 'getSnapshot', {}),
    ).rejects.toThrow(/unknown sender/);
  });
});
