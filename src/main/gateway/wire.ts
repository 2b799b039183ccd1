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

/** GatewayQuote is a delta: every field may be missing (checked by hand in normalise.ts: it is the hottest message). */
export interface WireQuote {
  symbol?: string;
  lastPrice?: number;
  bestBid?: number;
  bestAsk?: number;
  timestamp?: string;
  lastUpdated?: string;
}

export const LoginResponseSchema = EnvelopeSchema.extend({ token: z.string().nullable().optional() });
export const ValidateResponseSchema = EnvelopeSchema.extend({ newToken: z.string().nullable().optional() });
export const AccountsResponseSchema = EnvelopeSchema.extend({ accounts: z.array(WireAccountSchema).nullable().optional() });
export const ContractsResponseSchema = EnvelopeSchema.extend({ contracts: z.array(WireContractSchema).nullable().optional() });
/** Newer gateways answer `contract`, older docs show `contracts: [...]`; accept both. */
export const ContractByIdResponseSchema = EnvelopeSchema.extend({
  contract: WireContractSchema.nullable().optional(),
  contracts: z.array(WireContractSchema).nullable().optional(),
});
export const PositionsResponseSchema = EnvelopeSchema.extend({ positions: z.array(WirePositionSchema).nullable().optional() });
export const OrdersResponseSchema = EnvelopeSchema.extend({ orders: z.array(WireOrderSchema).nullable().optional() });
export const TradesResponseSchema = EnvelopeSchema.extend({ trades: z.array(WireTradeSchema).nullable().optional() });
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
