import { describe, expect, it } from 'vitest';
import {
  GatewayHttpError,
  GatewayNetworkError,
  GatewayProtocolError,
  GatewayRateLimitedError,
  GatewayRejectedError,
  GatewayUnauthorizedError,
} from '../../../src/main/gateway/errors';
import { ProjectXApi } from '../../../src/main/gateway/projectx-api';
import { RestClient } from '../../../src/main/gateway/rest-client';

/** The network boundary: answers each request with the given response, remembering what was sent. */
function gatewayAnswering(respond: () => Response | Promise<Response>) {
  const sent: { url: string; body: unknown; auth: string | null }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)), auth: new Headers(init.headers).get('authorization') });
    return respond();
  }) as typeof fetch;
  const rest = new RestClient({ baseUrl: 'https://api.example.test/', fetchImpl });
  return { api: new ProjectXApi(rest), rest, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('REST client errors', () => {
  it('turns success:false into a typed refusal with the endpoint code name and the gateway message', async () => {
    const { api } = gatewayAnswering(() => json({ success: false, errorCode: 2, errorMessage: 'No position' }));
    const error = await api.closeContract(1, 'C').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayRejectedError);
    expect(error).toMatchObject({ code: 2, codeName: 'PositionNotFound', gatewayMessage: 'No position', transient: false });
    expect((error as Error).message).toBe('Position/closeContract: rejected with PositionNotFound (2): No position');
  });

  it('names a failed login by its login code', async () => {
    const { api } = gatewayAnswering(() => json({ token: null, success: false, errorCode: 3, errorMessage: null }));
    await expect(api.loginKey('me', 'bad')).rejects.toThrow('Auth/loginKey: rejected with InvalidCredentials (3)');
  });

  it.each([
    [401, GatewayUnauthorizedError, false],
    [429, GatewayRateLimitedError, true],
    [500, GatewayHttpError, true],
    [404, GatewayHttpError, false],
  ])('maps HTTP %i to %o (transient %s)', async (status, type, transient) => {
    const { api } = gatewayAnswering(() => new Response(null, { status }));
    const error = await api.searchAccounts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as GatewayHttpError).transient).toBe(transient);
  });

  it('maps a connection failure to a transient network error', async () => {
    const { api } = gatewayAnswering(() => Promise.reject(new TypeError('fetch failed')));
    const error = await api.searchAccounts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayNetworkError);
    expect((error as GatewayNetworkError).transient).toBe(true);
  });

  it('refuses a response of the wrong shape (one bad row is not: rows.test.ts)', async () => {
    const { api } = gatewayAnswering(() => json({ success: true, errorCode: 0, accounts: { id: 'x' } }));
    await expect(api.searchAccounts()).rejects.toBeInstanceOf(GatewayProtocolError);
  });

  it('sends the bearer token and the real field names', async () => {
    const { api, sent } = gatewayAnswering(() => json({ success: true, errorCode: 0, errorMessage: null, token: 'jwt', trades: [] }));
    await api.loginKey('me', 'key');
    await api.trades(7, '2026-11-23T23:00:00.000Z');
    expect(sent[0]).toEqual({ url: 'https://api.example.test/api/Auth/loginKey', body: { userName: 'me', apiKey: 'key' }, auth: null });
    expect(sent[1]).toEqual({
      url: 'https://api.example.test/api/Trade/search',
      body: { accountId: 7, startTimestamp: '2026-11-23T23:00:00.000Z' },
      auth: 'Bearer jwt',
    });
  });

  it('accepts both shapes of Contract/searchById', async () => {
    const contract = { id: 'CON.F.US.EP.Z26', name: 'ESZ6', description: 'ES', tickSize: 0.25, tickValue: 12.5 };
    for (const body of [{ contract }, { contracts: [contract] }]) {
      const { api } = gatewayAnswering(() => json({ success: true, errorCode: 0, errorMessage: null, ...body }));
      await expect(api.contractById('CON.F.US.EP.Z26')).resolves.toMatchObject({ symbol: 'ES', tickValue: 12.5 });
    }
  });
});
