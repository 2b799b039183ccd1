/**
 * SignalR JSON hub protocol over `ws` (../shared/PROJECTX.md §8): handshake, invocations with
 * completions, server pings every 15 s, close. Token from `access_token` or the Authorization
 * header; bad token → 401 on the upgrade, and so is the market hub's while market data is off (a
 * login without the entitlement, §13). Server events are invocations without an id, in the wire
 * format of wire-format.ts.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { UserHubAction } from '../gateway/wire';
import { bearerToken, type TokenStore } from './tokens';
import type { WireFormat, WireWriter } from './wire-format';

const RS = '\x1e';
const PING_INTERVAL_MS = 15_000;

export type { WireFormat } from './wire-format';
const HUB_NAMES = ['user', 'market'] as const;
type HubName = (typeof HUB_NAMES)[number];

interface Connection {
  socket: WebSocket;
  hub: HubName;
  handshaken: boolean;
  accounts: boolean;
  orders: Set<number>;
  positions: Set<number>;
  trades: Set<number>;
  quotes: Set<string>;
  prints: Set<string>;
}

type UserTopic = 'orders' | 'positions' | 'trades';

const USER_METHODS: Record<string, (c: Connection, args: unknown[]) => void> = {
  SubscribeAccounts: (c) => void (c.accounts = true),
  UnsubscribeAccounts: (c) => void (c.accounts = false),
  SubscribeOrders: (c, [id]) => c.orders.add(Number(id)),
  UnsubscribeOrders: (c, [id]) => c.orders.delete(Number(id)),
  SubscribePositions: (c, [id]) => c.positions.add(Number(id)),
  UnsubscribePositions: (c, [id]) => c.positions.delete(Number(id)),
  SubscribeTrades: (c, [id]) => c.trades.add(Number(id)),
  UnsubscribeTrades: (c, [id]) => c.trades.delete(Number(id)),
};

const MARKET_METHODS: Record<string, (c: Connection, args: unknown[]) => void> = {
  SubscribeContractQuotes: (c, [id]) => c.quotes.add(String(id)),
  UnsubscribeContractQuotes: (c, [id]) => c.quotes.delete(String(id)),
  SubscribeContractTrades: (c, [id]) => c.prints.add(String(id)),
  UnsubscribeContractTrades: (c, [id]) => c.prints.delete(String(id)),
  SubscribeContractMarketDepth: () => undefined,
  UnsubscribeContractMarketDepth: () => undefined,
};

function frame(message: object): string {
  return JSON.stringify(message) + RS;
}

export class HubServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  private readonly connections = new Set<Connection>();
  private readonly pinger: NodeJS.Timeout;
  private dropper: NodeJS.Timeout | null = null;
  /** While true, quotes are not sent though the sockets stay up (the silent feed). */
  marketPaused = false;
  /** While false, the market hub refuses upgrades with 401, as live does a login without market data (sockets up stay up). */
  marketData = true;
  /** While false, the user hub refuses upgrades with 503, as a gateway restarting its hub nodes does (sockets up stay up). */
  userHub = true;
  /** Subscribe invocations on the user hub still to answer with an error (a failed re-subscribe). */
  failUserSubscribes = 0;

  constructor(
    private readonly tokens: TokenStore,
    /** The current quote of a contract, sent to a new quote subscriber as the gateway does. */
    private readonly currentQuote: (contractId: string) => Record<string, unknown> | null,
    readonly writer: WireWriter,
  ) {
    this.pinger = setInterval(() => this.broadcast(() => true, frame({ type: 6 })), PING_INTERVAL_MS);
    this.pinger.unref();
  }

  /** Handles an HTTP upgrade; returns false when the path is not a hub. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const hub = HUB_NAMES.find((name) => url.pathname.endsWith(`/hubs/${name}`));
    if (!hub) return false;
    const token = url.searchParams.get('access_token') ?? bearerToken(request.headers.authorization);
    if (!this.tokens.isValid(token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return true;
    }
    if (hub === 'user' && !this.userHub) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return true;
    }
    if (hub === 'market' && !this.marketData) {
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="invalid_token", error_description="The signature key was not found"\r\n' +
          'Content-Length: 0\r\nConnection: close\r\n\r\n',
      );
      return true;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, hub));
    return true;
  }

  get wireFormat(): WireFormat {
    return this.writer.format;
  }

  /** One user-hub event: wrapped `{action, data}` live, bare as documented. The entity goes out as given. */
  publishUser(
    topic: UserTopic | 'accounts',
    accountId: number,
    target: string,
    entity: object,
    action: number = UserHubAction.Update,
  ): void {
    const argument = this.wireFormat === 'live' ? { action, data: entity } : entity;
    const message = frame({ type: 1, target, arguments: [argument] });
    this.broadcast((c) => c.hub === 'user' && (topic === 'accounts' ? c.accounts : c[topic].has(accountId)), message);
  }

  /** A quote as given. */
  publishQuote(contractId: string, quote: object): void {
    if (this.marketPaused) return;
    const message = frame({ type: 1, target: 'GatewayQuote', arguments: [contractId, quote] });
    this.broadcast((c) => c.hub === 'market' && c.quotes.has(contractId), message);
  }

  /** A change of the full quote, in the wire format (live: partial deltas). */
  publishQuoteChange(contractId: string, quote: Record<string, unknown>): void {
    for (const delta of this.writer.quoteChange(contractId, quote)) this.publishQuote(contractId, delta);
  }

  /** A trade print on the market hub: a null-padded array with contractId per item on the live wire, one object in the docs. */
  publishPrint(contractId: string, print: Record<string, unknown>): void {
    if (this.marketPaused) return;
    const message = frame({ type: 1, target: 'GatewayTrade', arguments: [contractId, this.writer.print(contractId, print)] });
    this.broadcast((c) => c.hub === 'market' && c.prints.has(contractId), message);
  }

  /**
   * Who listens to what on the open sockets, e.g. "user accounts", "user trades 7001", "market
   * quotes CON.F.US.MNQ.Z26": a test can tell when a client has re-subscribed after a drop.
   */
  listeners(): Set<string> {
    const found = new Set<string>();
    for (const c of this.connections) {
      if (!c.handshaken || c.socket.readyState !== c.socket.OPEN) continue;
      if (c.accounts) found.add(`${c.hub} accounts`);
      for (const topic of ['orders', 'positions', 'trades', 'quotes', 'prints'] as const)
        for (const id of c[topic]) found.add(`${c.hub} ${topic} ${id}`);
    }
    return found;
  }

  /** Drops every hub socket (or every socket of one hub) without a close message, as a flaky network would. */
  dropAll(hub?: HubName): void {
    for (const c of this.connections) if (!hub || c.hub === hub) c.socket.terminate();
  }

  dropEvery(seconds: number): void {
    if (this.dropper) clearInterval(this.dropper);
    this.dropper = null;
    if (seconds > 0) {
      this.dropper = setInterval(() => this.dropAll(), seconds * 1000);
      this.dropper.unref();
    }
  }

  /** The user hub forgets every subscription while its sockets stay up: a dead user feed that pings keep looking alive. */
  forgetUserSubscriptions(): void {
    for (const c of this.connections) {
      if (c.hub !== 'user') continue;
      c.accounts = false;
      for (const topic of ['orders', 'positions', 'trades'] as const) c[topic].clear();
    }
  }

  sendLogout(): void {
    this.broadcast(() => true, frame({ type: 1, target: 'GatewayLogout', arguments: [] }));
  }

  close(): void {
    clearInterval(this.pinger);
    this.dropEvery(0);
    for (const c of this.connections) c.socket.terminate();
    this.wss.close();
  }

  private accept(socket: WebSocket, hub: HubName): void {
    const connection: Connection = {
      socket,
      hub,
      handshaken: false,
      accounts: false,
      orders: new Set(),
      positions: new Set(),
      trades: new Set(),
      quotes: new Set(),
      prints: new Set(),
    };
    this.connections.add(connection);
    socket.on('close', () => this.connections.delete(connection));
    socket.on('error', () => socket.terminate());
    socket.on('message', (data) => {
      for (const record of data.toString().split(RS)) {
        if (record) this.receive(connection, record);
      }
    });
  }

  private receive(connection: Connection, record: string): void {
    let message: { type?: number; protocol?: string; invocationId?: string; target?: string; arguments?: unknown[] };
    try {
      message = JSON.parse(record);
    } catch {
      connection.socket.close(1003, 'invalid JSON');
      return;
    }
    if (!connection.handshaken) {
      if (message.protocol !== 'json') {
        connection.socket.send(frame({ error: `Requested protocol '${message.protocol}' is not available.` }));
        connection.socket.close(1002, 'protocol');
        return;
      }
      connection.handshaken = true;
      connection.socket.send(frame({}));
      return;
    }
    if (message.type === 7) {
      connection.socket.close(1000);
      return;
    }
    if (message.type !== 1 || typeof message.target !== 'string') return;
    const methods = connection.hub === 'user' ? USER_METHODS : MARKET_METHODS;
    const method = methods[message.target];
    if (connection.hub === 'user' && method && message.target.startsWith('Subscribe') && this.failUserSubscribes > 0) {
      this.failUserSubscribes--;
      if (message.invocationId !== undefined)
        connection.socket.send(
          frame({
            type: 3,
            invocationId: message.invocationId,
            error: `An unexpected error occurred invoking '${message.target}' on the server.`,
          }),
        );
      return;
    }
    if (method) method(connection, message.arguments ?? []);
    if (message.invocationId !== undefined) {
      connection.socket.send(
        frame(
          method
            ? { type: 3, invocationId: message.invocationId, result: 0 }
            : {
                type: 3,
                invocationId: message.invocationId,
                error: `Failed to invoke '${message.target}' due to an error on the server. HubException: Method does not exist.`,
              },
        ),
      );
    }
    if (message.target === 'SubscribeContractQuotes' && !this.marketPaused) {
      const contractId = String(message.arguments?.[0]);
      const quote = this.currentQuote(contractId);
      if (quote)
        connection.socket.send(
          frame({ type: 1, target: 'GatewayQuote', arguments: [contractId, this.writer.fullQuote(contractId, quote)] }),
        );
    }
  }

  private broadcast(to: (c: Connection) => boolean, message: string): void {
    for (const c of this.connections) {
      if (c.handshaken && to(c) && c.socket.readyState === c.socket.OPEN) c.socket.send(message);
    }
  }
}
