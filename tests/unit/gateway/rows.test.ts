/** List responses are read row by row: one odd row is repaired or skipped and said in the log, never a failed list. */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/main/log';
import { ProjectXApi } from '../../../src/main/gateway/projectx-api';
import { RestClient } from '../../../src/main/gateway/rest-client';

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
  return { logger, lines };
}

/** The network boundary: every call answers this body. */
function answering(body: unknown) {
  const { logger, lines } = recordingLogger();
  const fetchImpl = (async () =>
    new Response(JSON.stringify({ success: true, errorCode: 0, errorMessage: null, ...(body as object) }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;
  return { api: new ProjectXApi(new RestClient({ baseUrl: 'https://api.example.test', fetchImpl }), logger), lines };
}

/** Rows as Trade/search sends them (REST: 6-digit timestamps, no commissions key). */
const trade = {
  id: 3_004_518_356,
  accountId: 7001,
  contractId: 'CON.F.US.MNQ.U26',
  creationTimestamp: '2026-08-19T20:49:25.393833+00:00',
  price: 29423,
  profitAndLoss: -49,
  fees: 0.36,
  side: 0,
  size: 1,
  voided: false,
  orderId: 3_423_462_488,
};
const order = {
  id: 3_425_270_858,
  accountId: 7001,
  contractId: 'CON.F.US.MNQ.U26',
  symbolId: 'F.US.MNQ',
  creationTimestamp: '2026-08-19T20:49:25.393833+00:00',
  updateTimestamp: '2026-08-19T20:49:25.393833+00:00',
  status: 1,
  type: 1,
  side: 1,
  size: 1,
  limitPrice: 29600,
  fillVolume: 0,
};
const position = {
  id: 6124,
  accountId: 7001,
  contractId: 'CON.F.US.MNQ.U26',
  creationTimestamp: '2026-08-19T20:49:25.393833+00:00',
  type: 1,
  size: 2,
  averagePrice: 29423,
};
const contract = {
  id: 'CON.F.US.MNQ.U26',
  name: 'MNQU6',
  description: 'Micro E-mini Nasdaq-100: September 2026',
  tickSize: 0.25,
  tickValue: 0.5,
  activeContract: true,
  symbolId: 'F.US.MNQ',
};
const account = { id: 7001, name: 'PRAC-V2-RW-DEMO-50K', balance: 50_000, canTrade: true, isVisible: true, simulated: true };

describe('a list with one odd row', () => {
  it('repairs a trade with fees: null (counted as 0) and keeps the good rows', async () => {
    const { api, lines } = answering({ trades: [trade, { ...trade, id: 3_004_518_357, fees: null }] });
    const fills = await api.trades(7001, '2026-08-19T00:00:00Z');
    expect(fills.map((f) => [f.id, f.fees])).toEqual([
      [3_004_518_356, 0.36],
      [3_004_518_357, 0],
    ]);
    expect(lines).toEqual(['warn Trade/search row 1 (id 3004518357) repaired: fees was null, counted as 0']);
  });

  it.each([
    [
      'Trade/search',
      { trades: [trade, { ...trade, id: 2, price: null }] },
      (api: ProjectXApi) => api.trades(7001, '2026-08-19T00:00:00Z'),
      'price',
    ],
    ['Order/searchOpen', { orders: [order, { ...order, id: 2, status: 'open' }] }, (api: ProjectXApi) => api.openOrders(7001), 'status'],
    [
      'Order/search',
      { orders: [order, { ...order, id: 2, side: null }] },
      (api: ProjectXApi) => api.searchOrders(7001, '2026-08-19T00:00:00Z'),
      'side',
    ],
    [
      'Position/searchOpen',
      { positions: [position, { ...position, id: 2, averagePrice: 'n/a' }] },
      (api: ProjectXApi) => api.openPositions(7001),
      'averagePrice',
    ],
    [
      'Contract/available',
      { contracts: [contract, { ...contract, id: 'CON.F.US.X.U26', tickSize: 0 }] },
      (api: ProjectXApi) => api.availableContracts(false),
      'tickSize',
    ],
    [
      'Account/search',
      { accounts: [account, { ...account, id: 2, balance: null }] },
      (api: ProjectXApi) => api.searchAccounts(),
      'balance',
    ],
  ] as const)('%s: skips the row it cannot read, naming it and the field, and keeps the rest', async (endpoint, body, call, field) => {
    const { api, lines } = answering(body);
    const rows = await call(api);
    expect(rows).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error ${endpoint.replace('/', '\\/')} row 1 \\(id [^)]+\\) skipped: ${field}: `));
  });

  it('says a row problem once, however many reconciles read it again', async () => {
    const { api, lines } = answering({ positions: [{ ...position, size: null }] });
    for (let i = 0; i < 3; i++) expect(await api.openPositions(7001)).toEqual([]);
    expect(lines).toHaveLength(1);
  });

  it('skips a row that is not an object at all', async () => {
    const { api, lines } = answering({ accounts: [null, account] });
    expect((await api.searchAccounts()).map((a) => a.id)).toEqual([7001]);
    expect(lines[0]).toMatch(/^error Account\/search row 0 skipped: \(row\): /);
  });
});
