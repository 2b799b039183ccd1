/**
 * POST-with-JSON transport of the ProjectX REST API: envelope checks, HTTP status mapping and
 * response validation. Knows nothing about individual endpoints beyond their path.
 */
import { Agent, fetch as fetchThrough } from 'undici';
import type { z } from 'zod';
import {
  GatewayHttpError,
  GatewayNetworkError,
  GatewayProtocolError,
  GatewayRateLimitedError,
  GatewayRejectedError,
  GatewayUnauthorizedError,
} from './errors';
import type { Pacer, Priority } from './pacer';
import type { EnvelopeSchema } from './wire';

export interface RestClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Keeps calls under the gateway's rate limit; none for a trader's own client in tests. */
  pacer?: Pacer;
}

/** Calls that take risk off or protect a position, and the logins they may need, go first. */
const ENFORCEMENT_ENDPOINTS: ReadonlySet<string> = new Set([
  'Position/closeContract',
  'Position/partialCloseContract',
  'Order/cancel',
  'Order/modify',
  'Order/place',
  'Auth/loginKey',
  'Auth/validate',
]);

/**
 * Each client keeps its own connection pool and closes it when its gateway connection stops. With
 * the process-wide pool of the global fetch, a keep-alive socket to a gateway that has just gone
 * (the demo simulator restarted on the same port after a settings save) was reused and the next
 * login failed with "other side closed".
 */
export class RestClient {
  private readonly pool = new Agent();
  private token: string | null = null;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly pacer: Pacer | null;

  constructor(options: RestClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl =
      options.fetchImpl ??
      ((url, init) => fetchThrough(url as string, { ...(init as object), dispatcher: this.pool }) as unknown as Promise<Response>);
    this.pacer = options.pacer ?? null;
  }

  /** Lets calls in flight finish, then closes the pool's sockets; later calls fail. */
  close(): Promise<void> {
    return this.pool.close();
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  currentToken(): string | null {
    return this.token;
  }

  /** `priority` overrides the endpoint's own (the reads of a reconcile are more urgent than a search). */
  async post<S extends typeof EnvelopeSchema>(endpoint: string, body: unknown, schema: S, priority?: Priority): Promise<z.infer<S>> {
    if (!this.pacer) return this.send(endpoint, body, schema);
    const pacer = this.pacer;
    return pacer.run(priority ?? (ENFORCEMENT_ENDPOINTS.has(endpoint) ? 'enforcement' : 'normal'), async () => {
      try {
        const result = await this.send(endpoint, body, schema);
        pacer.succeeded();
        return result;
      } catch (error) {
        if (error instanceof GatewayRateLimitedError) pacer.rateLimited();
        throw error;
      }
    });
  }

  private async send<S extends typeof EnvelopeSchema>(endpoint: string, body: unknown, schema: S): Promise<z.infer<S>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}/api/${endpoint}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body ?? {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new GatewayNetworkError(endpoint, error);
    }
    if (response.status === 401) throw new GatewayUnauthorizedError(endpoint);
    if (response.status === 429) throw new GatewayRateLimitedError(endpoint);
    if (!response.ok) throw new GatewayHttpError(endpoint, response.status);

    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw new GatewayNetworkError(endpoint, error);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const envelope = json as { success?: unknown; errorCode?: unknown; errorMessage?: unknown } | null;
      if (envelope?.success === false && typeof envelope.errorCode === 'number') {
        throw new GatewayRejectedError(
          endpoint,
          envelope.errorCode,
          typeof envelope.errorMessage === 'string' ? envelope.errorMessage : null,
        );
      }
      const issue = parsed.error.issues[0];
      throw new GatewayProtocolError(
        endpoint,
        `unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const data = parsed.data as z.infer<S>;
    if (!data.success) throw new GatewayRejectedError(endpoint, data.errorCode, data.errorMessage ?? null);
    return data;
  }
}
