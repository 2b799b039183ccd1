/**
 * The dashboards' WebSockets: the RiskApi contract over each, at most `max` open at once, every
 * snapshot serialised once for all of them, and a socket whose client stopped reading dropped
 * before what waits for it grows past `maxBufferedBytes`. A client that sends calls faster than
 * they are answered is paused (TCP pushes back on it) instead of queueing work without bound.
 */
import type { WebSocket } from 'ws';
import { RequestFrameSchema, type ResponseFrame, type Snapshot } from '../../shared/contract';
import type { Logger } from '../log';
import { replyToCall, type ApiContext } from '../service/api-handler';

export interface DashboardSocketsOptions {
  max: number;
  maxBufferedBytes: number;
}

/** Calls of one socket being answered at once; the dashboard makes a handful when it opens. */
const MAX_CALLS_IN_FLIGHT = 16;

export class DashboardSockets {
  private readonly open = new Set<WebSocket>();

  constructor(
    private readonly context: ApiContext,
    private readonly logger: Logger,
    private readonly options: DashboardSocketsOptions,
  ) {}

  get full(): boolean {
    return this.open.size >= this.options.max;
  }

  get count(): number {
    return this.open.size;
  }

  admit(socket: WebSocket): void {
    // Two upgrades checked against the cap at the same time can both pass it.
    if (this.full) {
      socket.close(1013, 'too many dashboard connections');
      return;
    }
    this.open.add(socket);
    socket.on('close', () => this.open.delete(socket));
    let inFlight = 0;
    socket.on('message', (data) => {
      if (++inFlight >= MAX_CALLS_IN_FLIGHT) socket.pause();
      void this.receive(socket, String(data)).finally(() => {
        if (--inFlight < MAX_CALLS_IN_FLIGHT) socket.resume();
      });
    });
  }

  broadcast(snapshot: Snapshot): void {
    if (this.open.size === 0) return;
    const frame = Buffer.from(JSON.stringify({ event: 'snapshot', payload: snapshot }));
    for (const socket of this.open) this.send(socket, frame);
  }

  closeAll(): void {
    for (const socket of this.open) socket.terminate();
    this.open.clear();
  }

  private async receive(socket: WebSocket, text: string): Promise<void> {
    let frame;
    try {
      frame = RequestFrameSchema.parse(JSON.parse(text));
    } catch {
      this.logger.warn('web host: refused a malformed RPC frame');
      socket.close(1003, 'malformed frame');
      return;
    }
    const { id, method } = frame;
    try {
      const reply = await replyToCall(this.context, method, frame.params);
      if (socket.readyState === socket.OPEN) this.send(socket, Buffer.from(JSON.stringify({ id, ...reply } satisfies ResponseFrame)));
    } catch (error) {
      this.logger.error(`web host: answering ${method} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  private send(socket: WebSocket, frame: Buffer): void {
    if (socket.readyState !== socket.OPEN) return;
    // ws's bufferedAmount counts what sits in its queue and the socket's; past the bound the client is not reading.
    if (socket.bufferedAmount + frame.length > this.options.maxBufferedBytes) {
      this.logger.warn(
        `web host: dropped a dashboard socket that stopped reading (${(socket.bufferedAmount / 1024 / 1024).toFixed(1)} MB waiting)`,
      );
      this.open.delete(socket);
      socket.terminate();
      return;
    }
    socket.send(frame, { binary: false });
  }
}
