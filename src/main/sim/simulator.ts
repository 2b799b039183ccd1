/**
 * A ProjectX-compatible gateway on 127.0.0.1: REST under /api, hubs at /hubs/user and
 * /hubs/market, and the control API of DESIGN.md under /sim. Any non-empty userName/apiKey logs in.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Exchange, SimRejection, type SimEvent } from './exchange';
import { HubServer, type WireFormat } from './hub-server';
import { BadRequest, readJson, sendJson } from './http-util';
import { PriceFeed } from './price-feed';
import { rootPage } from './root-page';
import { handleRest, restRoutes } from './rest-api';
import { FaultsSchema, RestFaults, type Faults } from './faults';
import type { FillDeliveryOptions } from './fill-delivery';
import { TokenStore } from './tokens';
import { defaultWireFormat, isTerminal, WireWriter } from './wire-format';
import { TestElevationAnswerSchema, type TestElevationAnswer } from '../elevation/test-elevator';
import { UserHubAction } from '../gateway/wire';

/** Benchmarks and tests watch the wire from the gateway's side of it. */
export interface SimulatorObserver {
  published?(event: SimEvent): void;
  requested?(endpoint: string): void;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  randomWalk?: boolean;
  /** Default: RW_SIM_WIRE_FORMAT, else live (see wire-format.ts). */
  wireFormat?: WireFormat;
  /** False: the market hub refuses this login with 401, as live does without the market-data entitlement (default true). */
  marketData?: boolean;
  observer?: SimulatorObserver;
  /** The order a fill's user-hub messages go out in (default: the simulator's own; see fill-delivery.ts). */
  fillDelivery?: FillDeliveryOptions;
}

export interface Simulator {
  url: string;
  port: number;
  exchange: Exchange;
  hubs: HubServer;
  feed: PriceFeed;
  /** REST requests received per endpoint, e.g. calls['Position/closeContract']. */
  calls: Record<string, number>;
  faults: RestFaults;
  tokens: TokenStore;
  /** What the test elevator answers next admin unlock (demo mode with the test elevator only). */
  elevation: { answer: TestElevationAnswer };
  close(): Promise<void>;
}

/** A flat position goes out as a removal, as the live gateway sends a close. */
function positionAction(size: number): number {
  return size === 0 ? UserHubAction.Remove : UserHubAction.Update;
}

/**
 * Publishes the exchange's events on the hubs in the wire format. An order's first message is a creation
 * (`action` 0), its last, once done with, a removal (2), the others updates (1), as live sends them.
 */
function router(hubs: HubServer) {
  const writer = hubs.writer;
  const announced = new Set<number>();
  const orderAction = (order: { id: number; status: number }): number => {
    if (isTerminal(order)) {
      announced.delete(order.id);
      return UserHubAction.Remove;
    }
    if (announced.has(order.id)) return UserHubAction.Update;
    announced.add(order.id);
    return UserHubAction.Create;
  };
  return (event: SimEvent): void => {
    switch (event.topic) {
      case 'account':
        return hubs.publishUser('accounts', event.accountId, 'GatewayUserAccount', event.payload);
      case 'order':
        return hubs.publishUser(
          'orders',
          event.accountId,
          'GatewayUserOrder',
          writer.order(event.payload, 'stream'),
          orderAction(event.payload),
        );
      case 'trade':
        return hubs.publishUser('trades', event.accountId, 'GatewayUserTrade', writer.trade(event.payload, 'stream'), UserHubAction.Create);
      case 'position':
        return hubs.publishUser(
          'positions',
          event.accountId,
          'GatewayUserPosition',
          writer.position(event.payload, 'stream'),
          positionAction(event.payload.size),
        );
      case 'quote':
        return hubs.publishQuoteChange(event.contractId, event.payload);
      case 'print':
        return hubs.publishPrint(event.contractId, event.payload);
    }
  };
}

/** Applies a /sim/faults body; every field is optional and changes only what it names. */
export function applyFaults(sim: Pick<Simulator, 'hubs' | 'faults' | 'tokens' | 'exchange'>, faults: Faults): void {
  if (faults.rest) sim.faults.failNext(faults.rest.status, faults.rest.count, faults.rest.endpoints, faults.rest.afterProcessing);
  if (faults.latencyMs !== undefined) sim.faults.latencyMs = faults.latencyMs;
  if (faults.oddRows !== undefined) sim.faults.oddRows = faults.oddRows;
  if (faults.pauseMarket !== undefined) sim.hubs.marketPaused = faults.pauseMarket;
  if (faults.dropEverySeconds !== undefined) sim.hubs.dropEvery(faults.dropEverySeconds);
  if (faults.logout) sim.hubs.sendLogout();
  if (faults.expireTokens) sim.tokens.clear();
  if (faults.dropSockets) sim.hubs.dropAll();
  if (faults.fillDelivery) sim.exchange.deliverFills(faults.fillDelivery);
  if (faults.marketData !== undefined) sim.hubs.marketData = faults.marketData;
  if (faults.userHub !== undefined) sim.hubs.userHub = faults.userHub;
  if (faults.forgetUserSubscriptions) sim.hubs.forgetUserSubscriptions();
  if (faults.failUserSubscribes !== undefined) sim.hubs.failUserSubscribes = faults.failUserSubscribes;
}

async function handleControl(
  path: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  sim: Omit<Simulator, 'close' | 'url' | 'port'> & { marketDataAtStart: boolean },
): Promise<void> {
  if (path === '/sim/state' && request.method === 'GET') {
    sendJson(response, 200, {
      ...sim.exchange.state(),
      randomWalk: sim.feed.running,
      wireFormat: sim.hubs.wireFormat,
      marketData: sim.hubs.marketData,
      fillDelivery: sim.exchange.fillDeliveryOptions,
      calls: sim.calls,
      elevationAnswer: sim.elevation.answer,
    });
    return;
  }
  if (request.method !== 'POST') {
    sendJson(response, 405, { error: `${request.method} not allowed on ${path}` });
    return;
  }
  const body = (await readJson(request)) as Record<string, unknown>;
  switch (path) {
    case '/sim/price':
      if (typeof body.contractId !== 'string' || typeof body.price !== 'number')
        throw new BadRequest('expected {"contractId": string, "price": number}');
      sim.exchange.setPrice(body.contractId, body.price);
      break;
    case '/sim/faults': {
      const parsed = FaultsSchema.safeParse(body);
      if (!parsed.success)
        throw new BadRequest(`faults: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`);
      applyFaults(sim, parsed.data);
      break;
    }
    case '/sim/reset':
      sim.exchange.reset();
      sim.faults.clear();
      sim.hubs.marketPaused = false;
      sim.hubs.marketData = sim.marketDataAtStart;
      sim.hubs.userHub = true;
      sim.hubs.failUserSubscribes = 0;
      sim.hubs.dropEvery(0);
      sim.elevation.answer = 'approve';
      for (const endpoint of Object.keys(sim.calls)) delete sim.calls[endpoint];
      break;
    case '/sim/feed':
      if (typeof body.randomWalk !== 'boolean') throw new BadRequest('expected {"randomWalk": boolean}');
      if (body.randomWalk) sim.feed.start();
      else sim.feed.stop();
      break;
    case '/sim/account':
      if (typeof body.accountId !== 'number' || typeof body.canTrade !== 'boolean')
        throw new BadRequest('expected {"accountId": number, "canTrade": boolean}');
      sim.exchange.setCanTrade(body.accountId, body.canTrade);
      break;
    case '/sim/elevation': {
      const answer = TestElevationAnswerSchema.safeParse(body.answer);
      if (!answer.success)
        throw new BadRequest(`expected {"answer": ${TestElevationAnswerSchema.options.map((o) => `"${o}"`).join(' | ')}}`);
      sim.elevation.answer = answer.data;
      break;
    }
    default:
      sendJson(response, 404, { error: `unknown control call ${path}` });
      return;
  }
  sendJson(response, 200, { ok: true });
}

/** GET /: what the simulator is and its APIs, as a short HTML page. */
function sendHtml(request: http.IncomingMessage, response: http.ServerResponse, html: string): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  response.end(request.method === 'HEAD' ? undefined : html);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const tokens = new TokenStore();
  const observer = options.observer ?? {};
  const writer = new WireWriter(options.wireFormat ?? defaultWireFormat(), new Date().toISOString());
  const exchange: Exchange = new Exchange(
    (event) => {
      route(event);
      observer.published?.(event);
    },
    Date.now,
    options.fillDelivery,
  );
  const hubs: HubServer = new HubServer(tokens, (contractId) => exchange.quote(contractId), writer);
  const route = router(hubs);
  const marketDataAtStart = options.marketData ?? true;
  hubs.marketData = marketDataAtStart;
  const feed = new PriceFeed(exchange);
  const routes = restRoutes(exchange, writer);
  const calls: Record<string, number> = {};
  const faults = new RestFaults();
  const elevation: Simulator['elevation'] = { answer: 'approve' };
  const parts = { exchange, hubs, feed, calls, faults, tokens, elevation };

  const ownUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const server = http.createServer((request, response) => {
    const route = (path: string): Promise<unknown> => {
      if (path.startsWith('/api/')) return handleRest(path.slice('/api/'.length), request, response, routes, tokens, faults);
      if (path.startsWith('/sim/')) return handleControl(path, request, response, { ...parts, marketDataAtStart });
      if (path === '/' && (request.method === 'GET' || request.method === 'HEAD'))
        return Promise.resolve(sendHtml(request, response, rootPage(ownUrl(), Object.keys(routes))));
      return Promise.resolve(sendJson(response, 404, { error: 'not found' }));
    };
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/api/')) {
      const endpoint = path.slice('/api/'.length);
      calls[endpoint] = (calls[endpoint] ?? 0) + 1;
      observer.requested?.(endpoint);
    }
    route(path).catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof BadRequest) sendJson(response, 400, { error: error.message });
      else if (error instanceof SimRejection) sendJson(response, 400, { error: error.message });
      else sendJson(response, 500, { error: (error as Error).message });
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (!hubs.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  if (options.randomWalk) feed.start();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    ...parts,
    close: async () => {
      feed.stop();
      hubs.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
