/**
 * The web host: serves the built renderer on 127.0.0.1 and carries the RiskApi contract over a
 * WebSocket guarded by a random token, so the dashboard runs in any browser with the same
 * service the Electron app uses. `GET /status.json?token=…` answers the dashboard's snapshot.
 * With a test clock (--test-clock, simulator only), `POST /test/clock?token=…` {"advanceMs": N}
 * moves Risk Warden's time forward, for end-to-end tests of resets and lock ends.
 *
 * Fastify parses the requests (a malformed target is a 400, not a thrown URIError) and catches
 * what any handler throws; @fastify/static serves the files with their content types;
 * @fastify/websocket runs the socket upgrade through the same hooks (Host, Origin, token, cap).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from '../log';
import type { ShiftableClock } from '../schedule/shiftable-clock';
import type { ApiContext } from '../service/api-handler';
import type { RiskService } from '../service/risk-service';
import { DashboardSockets } from './dashboard-sockets';
import { LoopbackNames } from './loopback-names';

/** The web host runs one service for its whole life. */
type HostedContext = ApiContext & { service: RiskService };

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  /** Present only in demo mode with --test-clock. */
  testClock?: ShiftableClock;
  /** Dashboard sockets open at once; the next one is refused with 503. */
  maxSockets?: number;
  /** TCP connections at once, sockets included; past it Node drops new ones unanswered. */
  maxConnections?: number;
}

const DEFAULT_MAX_SOCKETS = 32;
const DEFAULT_MAX_CONNECTIONS = 128;
/** A snapshot is tens of kB: a client this far behind has stopped reading. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** The largest body any route takes is {"advanceMs": N}. */
const BODY_LIMIT = 16 * 1024;

function contentSecurityPolicy(names: LoopbackNames): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${names.socketSources()}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function plain(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').send(message);
}

/** A file served from the renderer folder must resolve, symlinks followed, inside it. */
function insideFolder(realFolder: string, file: string): boolean {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return false;
  }
  return real === realFolder || real.startsWith(realFolder + path.sep);
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
  const realRoot = fs.realpathSync(root);
  const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS;
  const sockets = new DashboardSockets(context, logger, { max: maxSockets, maxBufferedBytes: MAX_BUFFERED_BYTES });
  // Known once listening (port 0 = any free port); no request arrives before.
  let names = new LoopbackNames(port);
  let securityHeaders: Record<string, string> = {};

  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    requestTimeout: 30_000,
    forceCloseConnections: true,
    frameworkErrors: (error, request, reply) => {
      // An upgrade refused before routing is not closed by @fastify/websocket, and nothing reads its socket any more.
      if (request.headers.upgrade) reply.raw.once('finish', () => request.raw.socket.destroy());
      return plain(reply.headers(securityHeaders), 400, error.message);
    },
  });
  app.server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status < 500) return plain(reply, status, error.message);
    logger.error(`web host: ${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
    return plain(reply, status, 'internal error; the details are in the log');
  });
  app.setNotFoundHandler((request, reply) =>
    request.method === 'GET' || request.method === 'HEAD'
      ? plain(reply, 404, 'not found')
      : plain(reply, 405, `${request.method} is not allowed here`),
  );

  await app.register(fastifyWebsocket, {
    options: { maxPayload: 64 * 1024 },
    errorHandler: (error, socket) => {
      logger.warn(`web host: dashboard socket error: ${error.message}`);
      socket.terminate();
    },
  });

  const authorised = (request: FastifyRequest) => tokenMatches(token, (request.query as { token?: unknown }).token);

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(securityHeaders);
    if (!request.url.startsWith('/')) return plain(reply, 400, 'the request target must be a path, such as /status.json');
    const host = request.headers.host;
    if (!names.hostAllowed(host))
      return plain(reply, 403, `Host ${JSON.stringify(host ?? '')} is not this dashboard; open it at 127.0.0.1 or localhost`);
    const origin = request.headers.origin;
    if (!names.originAllowed(origin))
      return plain(reply, 403, `Origin ${JSON.stringify(origin)} refused: only the dashboard's own pages may call it`);
    if (request.ws && request.routeOptions.url !== '/rpc') return plain(reply, 404, 'no WebSocket here; the dashboard socket is /rpc');
  });

  app.get('/status.json', (request, reply) => {
    if (!authorised(request)) return plain(reply, 401, 'a valid token is required');
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(service.snapshot()));
  });

  app.get(
    '/rpc',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        if (!request.ws) return plain(reply, 426, 'the dashboard socket takes a WebSocket upgrade');
        if (!authorised(request)) return plain(reply, 401, 'a valid token is required');
        if (sockets.full) return plain(reply, 503, `too many dashboard connections (${maxSockets} open); close a dashboard tab and reload`);
      },
    },
    (socket) => sockets.admit(socket),
  );

  const testClock = options.testClock;
  if (testClock) {
    await app.register(async (scope) => {
      // Any content type: the body is read as text and must be the JSON below.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      scope.post('/test/clock', (request, reply) => {
        if (!authorised(request)) return plain(reply, 401, 'a valid token is required');
        let now: string;
        try {
          now = advanceTestClock(typeof request.body === 'string' ? request.body : '', testClock);
        } catch (error) {
          return plain(reply, 400, (error as Error).message);
        }
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ now }));
      });
    });
  }

  await app.register(fastifyStatic, {
    root,
    index: 'index.html',
    cacheControl: false,
    allowedPath: (pathname) => insideFolder(realRoot, path.join(root, pathname)),
  });

  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  names = new LoopbackNames(actualPort);
  securityHeaders = {
    'content-security-policy': contentSecurityPolicy(names),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  const unsubscribe = service.onSnapshot((snapshot) => sockets.broadcast(snapshot));
  return {
    url: `http://127.0.0.1:${actualPort}/?token=${token}`,
    port: actualPort,
    token,
    close: async () => {
      unsubscribe();
      sockets.closeAll();
      // Also those refused past the cap, whose close handshake may still be waiting.
      for (const client of app.websocketServer.clients) client.terminate();
      await app.close();
    },
  };
}

function advanceTestClock(text: string, clock: ShiftableClock): string {
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
