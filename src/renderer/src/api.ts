/**
 * `window.riskApi`: provided by the Electron preload, or — in a browser served by the web host —
 * by a WebSocket client carrying the same contract, authenticated by the token in the page URL.
 */
import type { TransportState } from './transport-state';
import type {
  EventFrame,
  EventName,
  EventPayload,
  MethodName,
  MethodParams,
  MethodResult,
  ResponseFrame,
  RiskApi,
} from '../../shared/contract';

declare global {
  interface Window {
    riskApi?: RiskApi;
  }
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

class WebSocketRiskApi implements RiskApi {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private opened: Promise<void> = Promise.resolve();
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly onTransport: (state: TransportState) => void,
  ) {
    this.connect();
  }

  async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    await this.opened;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket!.send(JSON.stringify({ id, method, params }));
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  private connect(): void {
    this.onTransport('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.opened = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('open', () => {
      this.retryMs = 250;
      this.onTransport('open');
    });
    socket.addEventListener('message', (message) => this.receive(String(message.data)));
    socket.addEventListener('close', () => {
      for (const call of this.pending.values()) call.reject(new Error('connection to Risk Warden lost'));
      this.pending.clear();
      this.onTransport('closed');
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    });
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as ResponseFrame | EventFrame;
    if ('event' in frame) {
      for (const listener of this.listeners.get(frame.event) ?? []) listener(frame.payload as never);
      return;
    }
    const call = this.pending.get(frame.id);
    if (!call) return;
    this.pending.delete(frame.id);
    if (frame.ok) call.resolve(frame.result);
    else call.reject(new Error(frame.error));
  }
}

/** `onTransport` is never called before this returns, so the caller can hold the api first. */
export function connectRiskApi(onTransport: (state: TransportState) => void): RiskApi {
  if (window.riskApi) {
    queueMicrotask(() => onTransport('open'));
    return window.riskApi;
  }
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const api = new WebSocketRiskApi(`ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`, onTransport);
  window.riskApi = api;
  return api;
}

export type { TransportState };
