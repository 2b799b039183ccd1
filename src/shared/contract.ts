/**
 * THE IPC contract between main and renderer. The Electron bridge (ipcMain/preload) and the
 * web host's WebSocket bridge both carry exactly these methods and push events; the renderer
 * only ever sees `window.riskApi`. Main validates every incoming payload with these schemas.
 */
import { z } from 'zod';
import { RuleStatusSchema } from './rules';

export const ConnectionStateSchema = z.enum(['connecting', 'live', 'reconnecting', 'stale', 'loggedOut', 'failed']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const LockoutKindSchema = z.enum(['cooldown', 'untilReset', 'untilSessionStart', 'untilAdmin']);
export type LockoutKind = z.infer<typeof LockoutKindSchema>;

export const LockoutViewSchema = z.object({
  kind: LockoutKindSchema,
  ruleId: z.string(),
  reason: z.string(),
  since: z.string(),
  /** ISO time the lock ends on its own; null for untilAdmin. */
  until: z.string().nullable(),
});
export type LockoutView = z.infer<typeof LockoutViewSchema>;

export const PositionViewSchema = z.object({
  contractId: z.string(),
  symbol: z.string(),
  size: z.number(),
  averagePrice: z.number(),
  markPrice: z.number().nullable(),
  unrealized: z.number().nullable(),
});

export const OrderViewSchema = z.object({
  id: z.number(),
  contractId: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  kind: z.string(),
  size: z.number(),
  limitPrice: z.number().nullable(),
  stopPrice: z.number().nullable(),
  state: z.string(),
});

export const AccountViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  balance: z.number(),
  canTrade: z.boolean(),
  pnl: z.object({ realized: z.number(), unrealized: z.number(), total: z.number(), fees: z.number() }),
  tradeCount: z.number(),
  positions: z.array(PositionViewSchema),
  openOrders: z.array(OrderViewSchema),
  rules: z.array(RuleStatusSchema),
  lockout: LockoutViewSchema.nullable(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

export const TimelineKindSchema = z.enum(['connection', 'fill', 'breach', 'enforcement', 'lockout', 'unlock', 'reset', 'config', 'error']);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

export const TimelineEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  kind: TimelineKindSchema,
  accountId: z.number().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const SnapshotSchema = z.object({
  mode: z.enum(['demo', 'live']),
  enforcementMode: z.enum(['live', 'dry_run']),
  connection: z.object({ state: ConnectionStateSchema, detail: z.string().nullable(), since: z.string() }),
  tradingDay: z.object({ start: z.string(), nextReset: z.string(), timezone: z.string() }),
  config: z.object({
    file: z.string().nullable(),
    /** The last edit refused, with the key, the value and the reason; the previous config is still in force. */
    error: z.string().nullable(),
    /** Loosenings waiting for the next daily reset. */
    pendingAtReset: z.array(z.string()),
  }),
  accounts: z.array(AccountViewSchema),
  timeline: z.array(TimelineEntrySchema),
  generatedAt: z.string(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const riskApiMethods = {
  getSnapshot: { params: z.object({}).strict(), result: SnapshotSchema },
} as const;

export const riskApiEvents = {
  snapshot: SnapshotSchema,
} as const;

export type MethodName = keyof typeof riskApiMethods;
export type MethodParams<M extends MethodName> = z.input<(typeof riskApiMethods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof riskApiMethods)[M]['result']>;
export type EventName = keyof typeof riskApiEvents;
export type EventPayload<E extends EventName> = z.infer<(typeof riskApiEvents)[E]>;

/** What the renderer sees as `window.riskApi`, whichever transport carries it. */
export interface RiskApi {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Frames of socket transports (the web host). */
export const RequestFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string(),
  params: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrameSchema>;
export type ResponseFrame = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
export interface EventFrame {
  event: EventName;
  payload: unknown;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(riskApiMethods, name);
}
