/**
 * Typed gateway failures. `transient` says whether repeating the same call later can succeed
 * (network, 5xx, 429) or whether the gateway gave a final answer (success:false, 401).
 */

const ERROR_CODE_NAMES: Readonly<Record<string, readonly string[]>> = {
  'Auth/loginKey': [
    'Success',
    'UserNotFound',
    'PasswordVerificationFailed',
    'InvalidCredentials',
    'AppNotFound',
    'AppVerificationFailed',
    'InvalidDevice',
    'AgreementsNotSigned',
    'UnknownError',
    'ApiSubscriptionNotFound',
    'ApiKeyAuthenticationDisabled',
  ],
  'Auth/validate': ['Success', 'InvalidSession', 'SessionNotFound', 'ExpiredToken', 'UnknownError'],
  'Contract/searchById': ['Success', 'ContractNotFound'],
  'Order/place': [
    'Success',
    'AccountNotFound',
    'OrderRejected',
    'InsufficientFunds',
    'AccountViolation',
    'OutsideTradingHours',
    'OrderPending',
    'UnknownError',
    'ContractNotFound',
    'ContractNotActive',
    'AccountRejected',
  ],
  'Order/cancel': ['Success', 'AccountNotFound', 'OrderNotFound', 'Rejected', 'Pending', 'UnknownError', 'AccountRejected'],
  'Order/search': ['Success', 'AccountNotFound'],
  'Order/searchById': ['Success', 'OrderNotFound'],
  'Order/searchOpen': ['Success', 'AccountNotFound'],
  'Position/searchOpen': ['Success', 'AccountNotFound'],
  'Trade/search': ['Success', 'AccountNotFound'],
  'Order/modify': [
    'Success',
    'AccountNotFound',
    'OrderNotFound',
    'Rejected',
    'Pending',
    'UnknownError',
    'AccountRejected',
    'ContractNotFound',
  ],
  'Position/partialCloseContract': [
    'Success',
    'AccountNotFound',
    'PositionNotFound',
    'ContractNotFound',
    'ContractNotActive',
    'InvalidCloseSize',
    'OrderRejected',
    'OrderPending',
    'UnknownError',
    'AccountRejected',
  ],
  'Position/closeContract': [
    'Success',
    'AccountNotFound',
    'PositionNotFound',
    'ContractNotFound',
    'ContractNotActive',
    'OrderRejected',
    'OrderPending',
    'UnknownError',
    'AccountRejected',
  ],
};

export function errorCodeName(endpoint: string, code: number): string {
  return ERROR_CODE_NAMES[endpoint]?.[code] ?? `errorCode ${code}`;
}

export abstract class GatewayError extends Error {
  abstract readonly transient: boolean;
  constructor(
    readonly endpoint: string,
    message: string,
  ) {
    super(`${endpoint}: ${message}`);
    this.name = new.target.name;
  }
}

/** HTTP 200 with `success:false`: the gateway refused; `codeName` is the endpoint's own enum name. */
export class GatewayRejectedError extends GatewayError {
  readonly transient = false;
  readonly codeName: string;
  constructor(
    endpoint: string,
    readonly code: number,
    readonly gatewayMessage: string | null,
  ) {
    const codeName = errorCodeName(endpoint, code);
    super(endpoint, `rejected with ${codeName} (${code})${gatewayMessage ? `: ${gatewayMessage}` : ''}`);
    this.codeName = codeName;
  }
}

export class GatewayUnauthorizedError extends GatewayError {
  readonly transient = false;
  constructor(endpoint: string) {
    super(endpoint, 'HTTP 401: the session token is missing or expired');
  }
}

export class GatewayRateLimitedError extends GatewayError {
  readonly transient = true;
  constructor(endpoint: string) {
    super(endpoint, 'HTTP 429: rate limit exceeded');
  }
}

export class GatewayHttpError extends GatewayError {
  readonly transient: boolean;
  constructor(
    endpoint: string,
    readonly status: number,
  ) {
    super(endpoint, `HTTP ${status}`);
    this.transient = status >= 500;
  }
}

export class GatewayNetworkError extends GatewayError {
  readonly transient = true;
  constructor(endpoint: string, cause: unknown) {
    super(endpoint, `network failure: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.cause = cause;
  }
}

/** The response did not have the shape the API reference promises. */
export class GatewayProtocolError extends GatewayError {
  readonly transient = false;
}

export function isTransient(error: unknown): boolean {
  return error instanceof GatewayError && error.transient;
}
