import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { Snapshot } from '../../../src/shared/contract';
import type { ApiContext } from '../../../src/main/service/api-handler';
import type { RiskService } from '../../../src/main/service/risk-service';
import { DashboardSockets } from '../../../src/main/web/dashboard-sockets';

/** The part of a ws server socket DashboardSockets uses; the network is the boundary. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly send = vi.fn();
  readonly pause = vi.fn();
  readonly resume = vi.fn();
  readonly close = vi.fn((code: number) => this.closed(code));
  readonly terminate = vi.fn(() => this.closed(1006));

  private closed(code: number): void {
    this.readyState = 3;
    this.emit('close', code);
  }

  sent(): unknown[] {
    return this.send.mock.calls.map(([frame]) => JSON.parse(String(frame)));
  }
}

const MB = 1024 * 1024;
const settings = {
  view: () => ({}) as never,
  save: () => Promise.reject(new Error('read-only')),
  testWebhook: () => Promise.reject(new Error('read-only')),
};
const snapshot = { mode: 'demo' } as unknown as Snapshot;

function setUp(options: { max?: number; service?: Partial<RiskService> } = {}) {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const context: ApiContext = { service: (options.service ?? null) as RiskService | null, whyNoService: 'no service here', settings };
  const sockets = new DashboardSockets(context, logger, { max: options.max ?? 8, maxBufferedBytes: 4 * MB });
  const admit = () => {
    const socket = new FakeSocket();
    sockets.admit(socket as unknown as WebSocket);
    return socket;
  };
  return { sockets, logger, admit };
}

describe('DashboardSockets', () => {
  it('serialises each snapshot once and sends the same text frame to every socket', () => {
    const { sockets, admit } = setUp();
    const all = [admit(), admit(), admit()];
    const stringify = vi.spyOn(JSON, 'stringify');
    sockets.broadcast(snapshot);
    expect(stringify).toHaveBeenCalledTimes(1);
    stringify.mockRestore();
    const frames = all.map((socket) => socket.send.mock.calls[0]!);
    expect(new Set(frames.map(([frame]) => frame)).size).toBe(1);
    expect(frames[0]![1]).toEqual({ binary: false });
    expect(all[0]!.sent()).toEqual([{ event: 'snapshot', payload: { mode: 'demo' } }]);
  });

  it('drops a socket whose client stopped reading and keeps serving the others', () => {
    const { sockets, logger, admit } = setUp();
    const [stalled, reading] = [admit(), admit()];
    stalled.bufferedAmount = 4 * MB;
    sockets.broadcast(snapshot);
    expect(stalled.terminate).toHaveBeenCalled();
    expect(stalled.send).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('stopped reading (4.0 MB waiting)'));
    expect(reading.send).toHaveBeenCalledTimes(1);
    expect(sockets.count).toBe(1);
  });

  it('is full at the cap and closes a socket admitted past it with 1013', () => {
    const { sockets, admit } = setUp({ max: 2 });
    admit();
    const second = admit();
    expect(sockets.full).toBe(true);
    expect(admit().close).toHaveBeenCalledWith(1013, 'too many dashboard connections');
    second.close(1000);
    expect(sockets.full).toBe(false);
  });

  it('answers a call by its id and closes the socket on a malformed frame', async () => {
    const { admit } = setUp();
    const socket = admit();
    socket.emit('message', Buffer.from(JSON.stringify({ id: 7, method: 'getSnapshot', params: {} })));
    await vi.waitFor(() => expect(socket.sent()).toEqual([{ id: 7, ok: false, error: 'no service here' }]));
    socket.emit('message', Buffer.from('not json'));
    expect(socket.close).toHaveBeenCalledWith(1003, 'malformed frame');
  });

  it('pauses a socket with 16 calls in flight and resumes it as they are answered', async () => {
    let answer: (value: Snapshot) => void = () => undefined;
    const pending = new Promise<Snapshot>((resolve) => (answer = resolve));
    const { admit } = setUp({ service: { snapshot: () => pending as unknown as Snapshot } });
    const socket = admit();
    for (let id = 0; id < 16; id++) socket.emit('message', Buffer.from(JSON.stringify({ id, method: 'getSnapshot', params: {} })));
    expect(socket.pause).toHaveBeenCalledTimes(1);
    expect(socket.resume).not.toHaveBeenCalled();
    answer(snapshot);
    await vi.waitFor(() => expect(socket.send).toHaveBeenCalledTimes(16));
    expect(socket.resume).toHaveBeenCalled();
  });
});
