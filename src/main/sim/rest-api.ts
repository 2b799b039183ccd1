/**
 * The simulator's ProjectX REST endpoints with the real envelope: business failures are HTTP 200
 * with success:false and the endpoint's own errorCode; a missing or expired bearer is HTTP 401;
 * a login body without userName/apiKey is HTTP 400.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCode, sharedErrorCode } from '../gateway/wire';
import { SimRejection, type Exchange } from './exchange';
import { readJson, sendJson } from './http-util';
import type { RestFaults } from './faults';
import { bearerToken, type TokenStore } from './tokens';
import { wireContract, type WireWriter } from './wire-format';

type Body = Record<string, unknown>;
type Handler = (body: Body) => Record<string, unknown>;

/** Every endpoint's Success is 0 (PROJECTX.md §5.7), including those without an errorCode table. */
const ok = (payload: Record<string, unknown> = {}) => ({ ...payload, success: true, errorCode: 0, errorMessage: null });

/** The endpoints that list an account's orders, positions or trades: an unknown account, or no start, is 1. */
const ACCOUNT_NOT_FOUND = sharedErrorCode({
  'Order/search': 'AccountNotFound',
  'Order/searchOpen': 'AccountNotFound',
  'Position/searchOpen': 'AccountNotFound',
  'Trade/search': 'AccountNotFound',
});

/**
 * A missing or non-numeric field is 1 on every endpoint that reads one: AccountNotFound, except on Order/searchById,
 * which has none and whose 1 is OrderNotFound.
 */
const MISSING_FIELD = sharedErrorCode({
  'Order/place': 'AccountNotFound',
  'Order/modify': 'AccountNotFound',
  'Order/cancel': 'AccountNotFound',
  'Order/searchById': 'OrderNotFound',
  'Order/search': 'AccountNotFound',
  'Order/searchOpen': 'AccountNotFound',
  'Position/searchOpen': 'AccountNotFound',
  'Position/closeContract': 'AccountNotFound',
  'Position/partialCloseContract': 'AccountNotFound',
  'Trade/search': 'AccountNotFound',
});

function num(body: Body, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SimRejection(MISSING_FIELD, `${key} is required`);
  return value;
}

/** Order/search and Trade/search. */
function since(body: Body): number {
  const start = body.startTimestamp;
  if (typeof start !== 'string' || Number.isNaN(Date.parse(start))) throw new SimRejection(ACCOUNT_NOT_FOUND, 'startTimestamp is required');
  return Date.parse(start);
}

function optionalNumber(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** The REST answers in the writer's wire format (live: 6-digit timestamps, unset price keys absent, no commissions). */
export function restRoutes(exchange: Exchange, writer: WireWriter): Record<string, Handler> {
  const contracts = () => exchange.contractList().map(wireContract);
  return {
    'Account/search': () => ok({ accounts: exchange.accountList() }),
    'Contract/available': (b) => ok({ contracts: b.live === true ? [] : contracts() }),
    'Contract/search': (b) => {
      const text = String(b.searchText ?? '').toUpperCase();
      return ok({
        contracts:
          b.live === true
            ? []
            : contracts()
                .filter((c) => c.name.includes(text) || c.id.includes(text) || c.description.toUpperCase().includes(text))
                .slice(0, 20),
      });
    },
    'Contract/searchById': (b) => {
      const contract = exchange.contract(String(b.contractId));
      if (!contract)
        return {
          contract: null,
          success: false,
          errorCode: errorCode('Contract/searchById', 'ContractNotFound'),
          errorMessage: `Contract ${String(b.contractId)} not found`,
        };
      return ok({ contract: wireContract(contract) });
    },
    'Position/searchOpen': (b) => ok({ positions: exchange.openPositions(accountOf(exchange, b)).map((p) => writer.position(p, 'rest')) }),
    'Position/closeContract': (b) => {
      exchange.closeContract(num(b, 'accountId'), String(b.contractId));
      return ok();
    },
    'Order/place': (b) => {
      try {
        return ok({
          orderId: exchange.placeOrder({
            accountId: num(b, 'accountId'),
            contractId: String(b.contractId),
            type: num(b, 'type'),
            side: num(b, 'side'),
            size: num(b, 'size'),
            limitPrice: optionalNumber(b.limitPrice),
            stopPrice: optionalNumber(b.stopPrice),
            trailPrice: optionalNumber(b.trailPrice),
            customTag: typeof b.customTag === 'string' ? b.customTag : null,
            stopLossBracket: bracketOf(b.stopLossBracket),
            takeProfitBracket: bracketOf(b.takeProfitBracket),
          }),
        });
      } catch (error) {
        if (error instanceof SimRejection)
          return { orderId: error.orderId, success: false, errorCode: error.code, errorMessage: error.message };
        throw error;
      }
    },
    'Position/partialCloseContract': (b) => {
      exchange.partialCloseContract(num(b, 'accountId'), String(b.contractId), num(b, 'size'));
      return ok();
    },
    'Order/modify': (b) => {
      const change = {
        size: optionalNumber(b.size) ?? undefined,
        limitPrice: optionalNumber(b.limitPrice) ?? undefined,
        stopPrice: optionalNumber(b.stopPrice) ?? undefined,
      };
      exchange.modifyOrder(num(b, 'accountId'), num(b, 'orderId'), change);
      return ok();
    },
    'Order/cancel': (b) => {
      exchange.cancelOrder(num(b, 'accountId'), num(b, 'orderId'));
      return ok();
    },
    'Order/searchById': (b) => ok({ order: writer.order(exchange.orderById(num(b, 'accountId'), num(b, 'orderId')), 'rest') }),
    'Order/search': (b) => ok({ orders: exchange.ordersOf(accountOf(exchange, b), since(b)).map((o) => writer.order(o, 'rest')) }),
    'Order/searchOpen': (b) => ok({ orders: exchange.openOrders(accountOf(exchange, b)).map((o) => writer.order(o, 'rest')) }),
    'Trade/search': (b) => ok({ trades: exchange.tradesOf(accountOf(exchange, b), since(b)).map((t) => writer.trade(t, 'rest')) }),
  };
}

/** Order/place's brackets. */
function bracketOf(value: unknown): { ticks: number; type: number } | null {
  if (value === null || typeof value !== 'object') return null;
  const { ticks, type } = value as { ticks?: unknown; type?: unknown };
  if (typeof ticks !== 'number' || typeof type !== 'number')
    throw new SimRejection(errorCode('Order/place', 'OrderRejected'), 'A bracket needs numeric ticks and type');
  return { ticks, type };
}

/** One row per list that a client cannot read as it is: a null where a number belongs (the `oddRows` fault). */
const ODD_ROWS: Record<string, [list: string, row: (accountId: unknown) => Record<string, unknown>]> = {
  'Account/search': ['accounts', () => ({ id: 9999, name: 'ODD-ROW', balance: null, canTrade: true })],
  'Contract/available': ['contracts', () => ({ id: 'CON.F.US.ODD.Z26', name: 'ODDZ6', description: '', tickSize: null, tickValue: 1 })],
  'Position/searchOpen': [
    'positions',
    (accountId) => ({
      id: 1,
      accountId,
      contractId: 'CON.F.US.ODD.Z26',
      creationTimestamp: new Date(0).toISOString(),
      type: 1,
      size: null,
      averagePrice: 1,
    }),
  ],
  'Order/search': [
    'orders',
    (accountId) => ({ id: 1, accountId, contractId: 'CON.F.US.ODD.Z26', status: null, type: 1, side: 0, size: 1 }),
  ],
  'Order/searchOpen': [
    'orders',
    (accountId) => ({ id: 1, accountId, contractId: 'CON.F.US.ODD.Z26', status: null, type: 1, side: 0, size: 1 }),
  ],
  'Trade/search': [
    'trades',
    (accountId) => ({
      id: 1,
      accountId,
      contractId: 'CON.F.US.ODD.Z26',
      creationTimestamp: new Date().toISOString(),
      price: null,
      fees: null,
      side: 0,
      size: 1,
      orderId: 1,
    }),
  ],
};

function addOddRow(endpoint: string, answer: Record<string, unknown>, body: Body): void {
  const odd = ODD_ROWS[endpoint];
  const rows = odd ? answer[odd[0]] : undefined;
  if (odd && Array.isArray(rows)) rows.push(odd[1](body.accountId));
}

function accountOf(exchange: Exchange, body: Body): number {
  const id = num(body, 'accountId');
  if (!exchange.hasAccount(id)) throw new SimRejection(ACCOUNT_NOT_FOUND, `Account ${id} not found`);
  return id;
}

export async function handleRest(
  endpoint: string,
  request: IncomingMessage,
  response: ServerResponse,
  routes: Record<string, Handler>,
  tokens: TokenStore,
  faults: RestFaults,
): Promise<void> {
  const body = (await readJson(request)) as Body;
  if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  const failure = faults.take(endpoint);
  if (failure !== null && !failure.afterProcessing) {
    response.writeHead(failure.status, { 'content-length': 0 });
    response.end();
    return;
  }
  if (endpoint === 'Auth/loginKey') {
    if (typeof body.userName !== 'string' || typeof body.apiKey !== 'string') {
      sendJson(response, 400, { title: 'One or more validation errors occurred.', status: 400 });
      return;
    }
    if (!body.userName || !body.apiKey) {
      sendJson(response, 200, {
        token: null,
        success: false,
        errorCode: errorCode('Auth/loginKey', 'InvalidCredentials'),
        errorMessage: null,
      });
      return;
    }
    sendJson(response, 200, ok({ token: tokens.issue(body.userName) }));
    return;
  }
  const token = bearerToken(request.headers.authorization);
  if (!tokens.isValid(token)) {
    response.writeHead(401, { 'content-length': 0 });
    response.end();
    return;
  }
  if (endpoint === 'Auth/validate') {
    sendJson(response, 200, ok({ newToken: token }));
    return;
  }
  const route = routes[endpoint];
  if (!route) {
    response.writeHead(404, { 'content-length': 0 });
    response.end();
    return;
  }
  let answer: Record<string, unknown>;
  try {
    answer = route(body);
  } catch (error) {
    if (!(error instanceof SimRejection)) throw error;
    answer = { success: false, errorCode: error.code, errorMessage: error.message };
  }
  if (faults.oddRows) addOddRow(endpoint, answer, body);
  if (failure?.afterProcessing) {
    response.writeHead(failure.status, { 'content-length': 0 });
    response.end();
    return;
  }
  sendJson(response, 200, answer);
}
