/**
 * The web host: serves the built renderer on 127.0.0.1 and carries the RiskApi contract over a
 * WebSocket guarded by a random token, so the dashboard runs in any browser with the same
 * service the Electron app uses. `GET /status.json?token=…` answers the dashboard's snapshot.
 * With a test clock (--test-clock, simulator only), `POST /test/clock?token=…` {"advanceMs": N}
 * moves Risk Warden's time forward, for end-to-end tests of resets and lock ends.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { RequestFrameSchema, type EventFrame, type ResponseFrame } from '../../shared/contract';
import type { Logger } from '../log';
import type { ShiftableClock } from '../schedule/shiftable-clock';
import { replyToCall, type ApiContext } from '../service/api-handler';
import type { RiskService } from '../service/risk-service';

/** The web host runs one service for its whole life. */
type HostedContext = ApiContext & { service: RiskService };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebHostOptions {
  /** Present only in demo mode with --test-clock. */
  testClock?: ShiftableClock;
}

export async function startWebHost(
  context: HostedContext,
  rendererDir: string,
  port: number,
  logger: Logger,
  options: WebHostOptions = {},
): Promise<WebHost> {
  const { service } = context;
  const token = randomBytes(24).toString('hex');
  const root = path.resolve(rendererDir);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`the dashboard is not built: ${path.join(root, 'index.html')} is missing (run npm run build)`);
  }
  let csp = '';

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    };
    if (url.pathname === '/test/clock' && options.testClock && request.method === 'POST') {
      if (!tokenMatches(token, url.searchParams.get('token'))) {
        response.writeHead(401, headers).end();
        return;
      }
      void advanceTestClock(request, options.testClock).then(
        (now) => response.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ now })),
        (error: Error) =>
          response
            .writeHead(400, { ...headers, 'content-type': 'application/json; charset=utf-8' })
            .end(JSON.stringify({ error: error.message })),
      );
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, headers).end();
      return;
    }
    if (url.pathname === '/status.json') {
      if (!tokenMatches(token, url.searchParams.get('token'))) {
        response.writeHead(401, headers).end();
        return;
      }
      response.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(service.snapshot()));
      return;
    }
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/rpc' || !tokenMatches(token, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, context, logger));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  csp = contentSecurityPolicy(actualPort);
  return {
    url: `http://127.0.0.1:${actualPort}/?token=${token}`,
    port: actualPort,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function advanceTestClock(request: http.IncomingMessage, clock: ShiftableClock): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error('expected a JSON body {"advanceMs": number}');
  }
  const advanceMs = (body as { advanceMs?: unknown } | null)?.advanceMs;
  if (typeof advanceMs !== 'number') throw new Error('expected {"advanceMs": number}');
  clock.advance(advanceMs);
  return new Date(clock.now()).toISOString();
}

function serveSocket(socket: WebSocket, context: HostedContext, logger: Logger): void {
  const send = (frame: ResponseFrame | EventFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const unsubscribe = context.service.onSnapshot((snapshot) => send({ event: 'snapshot', payload: snapshot }));
  socket.on('close', unsubscribe);
  socket.on('error', () => socket.terminate());
  socket.on('message', (data) => {
    let frame;
    try {
      frame = RequestFrameSchema.parse(JSON.parse(data.toString()));
    } catch {
      logger.warn('web host: refused a malformed RPC frame');
      socket.close(1003, 'malformed frame');
      return;
    }
    const { id } = frame;
    void replyToCall(context, frame.method, frame.params).then((reply) => send({ id, ...reply }));
  });
}
