/**
 * Typed gateway failures, each mapped onto the broker's failure kinds: a network failure or a 5xx
 * is transient, a 429 rate-limited, a refusal for a position or order that is gone alreadyGone,
 * any other refusal (success:false, 401, 4xx) final.
 */
import { BrokerError, type BrokerFailure } from '../enforcement/broker';
import { errorCodeName } from './wire';

/** The endpoint's name for a code; the tables live in wire.ts with the other wire codes. */
export { errorCodeName };

/** The gateway's answer for a position or order that no longer exists. */
const ALREADY_GONE: ReadonlySet<string> = new Set(['PositionNotFound', 'OrderNotFound']);

export abstract class GatewayError extends BrokerError {
  /** Whether repeating the same call later can succeed. */
  readonly transient: boolean;
  constructor(
    readonly endpoint: string,
    message: string,
    failure: BrokerFailure = 'final',
  ) {
    super(`${endpoint}: ${message}`, failure);
    this.transient = failure === 'transient' || failure === 'rateLimited';
  }
}

/** HTTP 200 with `success:false`: the gateway refused; `codeName` is the endpoint's own enum name. */
export class GatewayRejectedError extends GatewayError {
  readonly codeName: string;
  constructor(
    endpoint: string,
    readonly code: number,
    readonly gatewayMessage: string | null,
  ) {
    const codeName = errorCodeName(endpoint, code);
    super(
      endpoint,
      `rejected with ${codeName} (${code})${gatewayMessage ? `: ${gatewayMessage}` : ''}`,
      ALREADY_GONE.has(codeName) ? 'alreadyGone' : 'final',
    );
    this.codeName = codeName;
  }
}

export class GatewayUnauthorizedError extends GatewayError {
  constructor(endpoint: string) {
    super(endpoint, 'HTTP 401: the session token is missing or expired');
  }
}

export class GatewayRateLimitedError extends GatewayError {
  constructor(endpoint: string) {
    super(endpoint, 'HTTP 429: rate limit exceeded', 'rateLimited');
  }
}

export class GatewayHttpError extends GatewayError {
  constructor(
    endpoint: string,
    readonly status: number,
  ) {
    super(endpoint, `HTTP ${status}`, status >= 500 ? 'transient' : 'final');
  }
}

export class GatewayNetworkError extends GatewayError {
  constructor(endpoint: string, cause: unknown) {
    super(endpoint, `network failure: ${cause instanceof Error ? cause.message : String(cause)}`, 'transient');
    this.cause = cause;
  }
}

/** The response did not have the shape the API reference promises. */
export class GatewayProtocolError extends GatewayError {}
