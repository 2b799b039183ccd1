/**
 * Wire shapes of the ProjectX Gateway (../shared/PROJECTX.md §4–§6). Only this folder sees them;
 * normalise.ts turns them into domain types. Unknown fields are ignored, as the gateway adds some.
 */
import { z } from 'zod';

/** The gateway's integer enums (PROJECTX.md §5), the one definition the client, the simulator and the tests share. */
export const OrderSide = { Bid: 0, Ask: 1 } as const;
export const OrderType = { Unknown: 0, Limit: 1, Market: 2, StopLimit: 3, Stop: 4, TrailingStop: 5, JoinBid: 6, JoinAsk: 7 } as const;
export const OrderStatus = {
  None: 0,
  Open: 1,
  Filled: 2,
  Cancelled: 3,
  Expired: 4,
  Rejected: 5,
  Pending: 6,
  PendingCancellation: 7,
  Suspended: 8,
} as const;
export const PositionType = { Undefined: 0, Long: 1, Short: 2 } as const;
/** The aggressor side of a market trade print (GatewayTrade `type`). */
export const TradeLogType = { Buy: 0, Sell: 1 } as const;
/** `action` of the live user hub's `{action, data}` envelope (PROJECTX.md §13). */
export const UserHubAction = { Create: 0, Update: 1, Remove: 2 } as const;

/** The union of an enum's values: `Code<typeof OrderType>` is 0 | 1 | … | 7. */
export type Code<Enum> = Enum[keyof Enum];

/**
 * Each endpoint's `errorCode` enum (PROJECTX.md §5.7), a name per code from 0: the same number means different
 * things on different endpoints (Order/place 2 is OrderRejected, Position/closeContract 2 is PositionNotFound).
 */
export const ERROR_CODES = {
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
} as const satisfies Record<string, readonly string[]>;

export type ErrorCodeEndpoint = keyof typeof ERROR_CODES;

/**
 * The code names of an endpoint; of a union of endpoints, only the names every one of them has (so a helper serving
 * Position/closeContract and Position/partialCloseContract can ask for ContractNotFound, not InvalidCloseSize).
 */
export type ErrorCodeName<E extends ErrorCodeEndpoint> = (
  E extends unknown ? (name: (typeof ERROR_CODES)[E][number]) => void : never
) extends (name: infer Common extends string) => void
  ? Common
  : never;

function codeIn(endpoint: ErrorCodeEndpoint, name: string): number {
  const code = (ERROR_CODES[endpoint] as readonly string[]).indexOf(name);
  if (code < 0) throw new Error(`${endpoint} has no errorCode named ${name}`);
  return code;
}

/** The number `endpoint` answers for `name`: `errorCode('Order/place', 'ContractNotFound')` is 8. */
export function errorCode<E extends ErrorCodeEndpoint>(endpoint: E, name: ErrorCodeName<E>): number {
  return codeIn(endpoint, name);
}

/** The name `endpoint` gives `code`, or `errorCode N` for an endpoint or a code the table does not have. */
export function errorCodeName(endpoint: string, code: number): string {
  return (ERROR_CODES as Readonly<Record<string, readonly string[] | undefined>>)[endpoint]?.[code] ?? `errorCode ${code}`;
}

/** A name per endpoint, each checked against that endpoint's own enum. */
export type ErrorCodeNames = { readonly [E in ErrorCodeEndpoint]?: ErrorCodeName<E> };

/**
 * The one number a helper answers on every endpoint that reaches it, named as each endpoint names it; throws if the
 * numbers differ, so a constant defined with it fails when its module loads.
 */
export function sharedErrorCode(names: ErrorCodeNames): number {
  const codes = new Set(Object.entries(names).map(([endpoint, name]) => codeIn(endpoint as ErrorCodeEndpoint, name)));
  if (codes.size !== 1) throw new Error(`${JSON.stringify(names)} do not share one errorCode (${[...codes].join(', ')})`);
  return [...codes][0]!;
}

export const EnvelopeSchema = z.object({
  success: z.boolean(),
  errorCode: z.number().int(),
  errorMessage: z.string().nullable().optional(),
});

export const WireAccountSchema = z.object({
  id: z.number(),
  name: z.string(),
  balance: z.number(),
  canTrade: z.boolean(),
  isVisible: z.boolean().optional(),
  simulated: z.boolean().optional(),
});
export type WireAccount = z.infer<typeof WireAccountSchema>;

export const WireContractSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional().default(''),
  tickSize: z.number().positive(),
  tickValue: z.number().positive(),
  activeContract: z.boolean().optional(),
  symbolId: z.string().optional(),
});
export type WireContract = z.infer<typeof WireContractSchema>;

export const WirePositionSchema = z.object({
  id: z.number().optional(),
  accountId: z.number(),
  contractId: z.string(),
  creationTimestamp: z.string().optional(),
  type: z.number().int(),
  size: z.number(),
  averagePrice: z.number(),
});
export type WirePosition = z.infer<typeof WirePositionSchema>;

export const WireOrderSchema = z.object({
  id: z.number(),
  accountId: z.number(),
  contractId: z.string(),
  status: z.number().int(),
  type: z.number().int(),
  side: z.number().int(),
  size: z.number(),
  limitPrice: z.number().nullable().optional(),
  stopPrice: z.number().nullable().optional(),
  fillVolume: z.number().optional(),
  filledPrice: z.number().nullable().optional(),
  customTag: z.string().nullable().optional(),
  creationTimestamp: z.string().optional(),
  updateTimestamp: z.string().nullable().optional(),
  parentOrderId: z.number().nullable().optional(),
});
export type WireOrder = z.infer<typeof WireOrderSchema>;

export const WireTradeSchema = z.object({
  id: z.number(),
  accountId: z.number(),
  contractId: z.string(),
  creationTimestamp: z.string(),
  price: z.number(),
  profitAndLoss: z.number().nullable().optional(),
  fees: z.number().optional().default(0),
  commissions: z.number().nullable().optional(),
  side: z.number().int(),
  size: z.number(),
  voided: z.boolean().optional().default(false),
  orderId: z.number(),
});
export type WireTrade = z.infer<typeof WireTradeSchema>;

/**
 * GatewayQuote is a delta: every field may be missing, a side may be null (read as missing), and live adds an
 * undocumented `contract` (the contract id). Checked by hand in normalise.ts: it is the hottest message.
 */
export interface WireQuote {
  symbol?: string;
  lastPrice?: number;
  bestBid?: number;
  bestAsk?: number;
  /** Live: can stay frozen at the session open; `lastUpdated` advances. */
  timestamp?: string;
  lastUpdated?: string;
}

export const LoginResponseSchema = EnvelopeSchema.extend({ token: z.string().nullable().optional() });
export const ValidateResponseSchema = EnvelopeSchema.extend({ newToken: z.string().nullable().optional() });
/** Lists are envelopes of rows, each row read on its own (rows.ts): one odd row must not fail the list. */
const Rows = z.array(z.unknown()).nullable().optional();
export const AccountsResponseSchema = EnvelopeSchema.extend({ accounts: Rows });
export const ContractsResponseSchema = EnvelopeSchema.extend({ contracts: Rows });
/** Newer gateways answer `contract`, older docs show `contracts: [...]`; accept both. */
export const ContractByIdResponseSchema = EnvelopeSchema.extend({
  contract: WireContractSchema.nullable().optional(),
  contracts: z.array(WireContractSchema).nullable().optional(),
});
export const PositionsResponseSchema = EnvelopeSchema.extend({ positions: Rows });
export const OrdersResponseSchema = EnvelopeSchema.extend({ orders: Rows });
export const TradesResponseSchema = EnvelopeSchema.extend({ trades: Rows });
export const OrderResponseSchema = EnvelopeSchema.extend({ order: WireOrderSchema.nullable().optional() });
export const PlaceOrderResponseSchema = EnvelopeSchema.extend({ orderId: z.number().nullable().optional() });

export interface PlaceOrderRequest {
  accountId: number;
  contractId: string;
  type: number;
  side: number;
  size: number;
  limitPrice?: number | null;
  stopPrice?: number | null;
  trailPrice?: number | null;
  customTag?: string | null;
  /** Ticks are signed from the entry: a long's stop is negative, its target positive. */
  stopLossBracket?: { ticks: number; type: number } | null;
  takeProfitBracket?: { ticks: number; type: number } | null;
}
