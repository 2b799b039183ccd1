/**
 * THE IPC contract between main and renderer. The Electron bridge (ipcMain/preload) and the
 * web host's WebSocket bridge both carry exactly these methods and push events; the renderer
 * only ever sees `window.riskApi`. Main validates every incoming payload with these schemas.
 */
import { z } from 'zod';
import { RuleStatusSchema } from './rules';

export const ConnectionStateSchema = z.enum(['connecting', 'live', 'reconnecting', 'stale', 'loggedOut', 'failed']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const LockoutKindSchema = z.enum(['cooldown', 'untilReset', 'untilSessionStart', 'untilWeeklyReset', 'untilTime', 'untilAdmin']);
export type LockoutKind = z.infer<typeof LockoutKindSchema>;

export const LockoutViewSchema = z.object({
  kind: LockoutKindSchema,
  ruleId: z.string(),
  reason: z.string(),
  since: z.string(),
  /** ISO time the lock ends on its own; null for untilAdmin. */
  until: z.string().nullable(),
  /** The title of the rule that locked, as its card names it: "Session hours". */
  ruleTitle: z.string(),
  /**
   * When the lock ends, in the trading timezone, with the day when it is not today and why a day is
   * skipped: "Fri Nov 27, 8:30 AM CT (Thanksgiving: market closed)"; null for untilAdmin.
   */
  untilText: z.string().nullable(),
});
export type LockoutView = z.infer<typeof LockoutViewSchema>;

export const PositionViewSchema = z.object({
  contractId: z.string(),
  symbol: z.string(),
  size: z.number(),
  averagePrice: z.number(),
  markPrice: z.number().nullable(),
  /** When the mark was last quoted (ISO, service clock); null before the first quote. */
  markAt: z.string().nullable(),
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

/**
 * What an administrator chooses when unlocking: `resume` re-arms the rule that locked with a fresh
 * limit counted from the unlock (the default); `suspend` keeps it from locking again until the reset.
 */
export const UnlockChoiceSchema = z.enum(['resume', 'suspend'], {
  error: 'choice must be "resume" (a fresh limit from now) or "suspend" (until the reset)',
});
export type UnlockChoice = z.infer<typeof UnlockChoiceSchema>;

/** What each unlock choice would do to the rule that locked, in words with the numbers, shown before approval. */
export const UnlockPreviewSchema = z.object({
  ruleId: z.string(),
  ruleTitle: z.string(),
  /** "Daily realized loss locks again at −$1,020.00 ($500.00 more loss from −$520.00 now)"; null when it can only be suspended. */
  resume: z.string().nullable(),
  /** Why resuming is not offered, when `resume` is null. */
  resumeUnavailable: z.string().nullable(),
  /** "Daily realized loss will not lock this account again until 17:00 CST (the daily reset)". */
  suspend: z.string(),
});
export type UnlockPreview = z.infer<typeof UnlockPreviewSchema>;

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
  /** While locked: what the unlock dialog's choices would do. */
  unlock: UnlockPreviewSchema.nullable(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/** `automation`: what a rule does for the trader without a breach (trade management moving a stop). */
export const TimelineKindSchema = z.enum([
  'connection',
  'fill',
  'breach',
  'enforcement',
  'automation',
  'lockout',
  'unlock',
  'reset',
  'config',
  'error',
]);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

/** What an entry's colour means, the same on every surface: good news, neutral, needs a look, went wrong. */
export const ToneSchema = z.enum(['good', 'info', 'warn', 'bad']);
export type Tone = z.infer<typeof ToneSchema>;

export const TimelineEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  kind: TimelineKindSchema,
  tone: ToneSchema,
  accountId: z.number().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/**
 * Something the trader must know that is not a rule's state: the store cannot be written, the records
 * were altered while Risk Warden was stopped or cannot be sealed, the login has no market data. At most one per kind.
 */
export const ProblemKindSchema = z.enum(['storage', 'records', 'seal', 'marketData', 'alerts']);
export type ProblemKind = z.infer<typeof ProblemKindSchema>;
export const ProblemSchema = z.object({
  kind: ProblemKindSchema,
  /** "Database damaged", "Records altered", "No market data". */
  title: z.string(),
  /** What happened, the file or feed concerned, and what to do, in plain words. */
  detail: z.string(),
  since: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** Demo mode only: the simulator's contracts the demo panel trades, with their last price. */
export const DemoViewSchema = z.object({
  contracts: z.array(
    z.object({
      contractId: z.string(),
      symbol: z.string(),
      description: z.string(),
      tickSize: z.number(),
      price: z.number().nullable(),
    }),
  ),
  /** The simulator's own address, whose root page names its control API. */
  simulatorUrl: z.string(),
});
export type DemoView = z.infer<typeof DemoViewSchema>;

export const SnapshotSchema = z.object({
  mode: z.enum(['demo', 'live']),
  enforcementMode: z.enum(['live', 'dry_run']),
  connection: z.object({ state: ConnectionStateSchema, detail: z.string().nullable(), since: z.string() }),
  tradingDay: z.object({ start: z.string(), nextReset: z.string(), timezone: z.string() }),
  config: z.object({
    file: z.string().nullable(),
    /** The last edit refused, with the key, the value and the reason; the previous config is still in force. */
    error: z.string().nullable(),
    /** That refusal in one short line: the file, the first key and why, and how many more. */
    errorSummary: z.string().nullable(),
    /** Loosenings waiting for the next daily reset. */
    pendingAtReset: z.array(z.string()),
  }),
  accounts: z.array(AccountViewSchema),
  problems: z.array(ProblemSchema),
  timeline: z.array(TimelineEntrySchema),
  /** Null outside demo mode. */
  demo: DemoViewSchema.nullable(),
  /** With a position open, a mark older than this is out of date (the config's market_data.stale_after_seconds). */
  marksStaleAfterMs: z.number(),
  /** The service's clock when this was built: countdowns run from it, not from the browser's clock. */
  generatedAt: z.string(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const UnlockOutcomeSchema = z.enum(['approved', 'denied', 'cancelled', 'unavailable', 'refused', 'notLocked', 'busy']);
export const UnlockResultSchema = z.object({ outcome: UnlockOutcomeSchema, message: z.string() });
export type UnlockResult = z.infer<typeof UnlockResultSchema>;

export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  accountId: z.number().nullable(),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const UnlockRequestSchema = z
  .object({
    accountId: z.number().int().positive(),
    reason: z
      .string()
      .trim()
      .min(3, 'say why the account is unlocked (at least 3 characters)')
      .max(500, 'keep the reason under 500 characters'),
    choice: UnlockChoiceSchema.default('resume'),
  })
  .strict();

const httpsUrl = z
  .string()
  .trim()
  .refine(
    (value) => URL.canParse(value) && ['https:', 'http:'].includes(new URL(value).protocol),
    'must be an http(s) URL such as https://api.topstepx.com',
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** How an off-machine alert is written: Risk Warden's own JSON, a Discord webhook message or a Telegram bot message. */
export const WebhookFormatSchema = z.enum(['generic', 'discord', 'telegram']);
export type WebhookFormat = z.infer<typeof WebhookFormatSchema>;

/** The alert webhook as the renderer may see it: its URL (a secret) never leaves main. */
export const WebhookViewSchema = z.object({
  stored: z.boolean(),
  format: WebhookFormatSchema,
  /** Where the URL is kept ("Electron safeStorage (…)", "the RW_WEBHOOK_URL environment variable", a file). */
  source: z.string(),
});
export type WebhookView = z.infer<typeof WebhookViewSchema>;

/** The "Send test alert" button's outcome in words: "Sent to discord.com (HTTP 204)". */
export const WebhookTestResultSchema = z.object({ ok: z.boolean(), message: z.string() });
export type WebhookTestResult = z.infer<typeof WebhookTestResultSchema>;

/** Settings as the renderer may see them: the API key never leaves main, only whether one is stored. */
export const SettingsViewSchema = z.object({
  firm: z.string(),
  apiUrl: z.string(),
  rtcUrl: z.string(),
  username: z.string(),
  apiKeyStored: z.boolean(),
  accounts: z.array(z.number()),
  configFile: z.string().nullable(),
  startAtLogin: z.boolean(),
  /** False on the web host, whose settings come from its command line. */
  editable: z.boolean(),
  /** Where the API key lives ("Electron safeStorage (…)", "the RW_API_KEY environment variable"). */
  secretStorage: z.string(),
  webhook: WebhookViewSchema,
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SettingsInputSchema = z
  .object({
    firm: z.string().min(1),
    /** Only for firm "custom"; a preset brings its own URLs. */
    apiUrl: httpsUrl.optional(),
    rtcUrl: httpsUrl.optional(),
    username: z.string().trim().max(200),
    /** Absent: keep the stored key. Empty string: forget it. */
    apiKey: z.string().trim().max(2000).optional(),
    accounts: z.array(z.number().int().positive()).max(100),
    configFile: z.string().trim().min(1).max(4096).nullable(),
    startAtLogin: z.boolean(),
    /** Absent: keep the stored webhook URL. Empty string: forget it. Checked in main (https, Telegram's chat_id). */
    webhookUrl: z.string().trim().max(2000, 'keep the webhook URL under 2000 characters').optional(),
    /** Absent: keep the stored format. */
    webhookFormat: WebhookFormatSchema.optional(),
  })
  .strict();
export type SettingsInput = z.input<typeof SettingsInputSchema>;

export const ConfigViewSchema = z.object({
  file: z.string().nullable(),
  /** The configuration in force, as YAML. */
  effective: z.string(),
  error: z.string().nullable(),
  errorSummary: z.string().nullable(),
  pendingAtReset: z.array(z.string()),
});
export type ConfigView = z.infer<typeof ConfigViewSchema>;

export const PnlHistorySchema = z.object({
  accountId: z.number(),
  points: z.array(z.object({ at: z.string(), realized: z.number(), total: z.number() })),
  /** What the daily loss limit counts, so the chart plots that figure; null without a daily loss limit. */
  lossLimitCounts: z.enum(['realized', 'total']).nullable(),
});
export type PnlHistoryView = z.infer<typeof PnlHistorySchema>;

export const DemoOrderSchema = z
  .object({
    accountId: z.number().int().positive(),
    contractId: z.string().min(1).max(100),
    side: z.enum(['buy', 'sell']),
    size: z.number().int().min(1, 'size must be 1 to 10 contracts').max(10, 'size must be 1 to 10 contracts'),
  })
  .strict();
export const DemoNudgeSchema = z
  .object({
    contractId: z.string().min(1).max(100),
    ticks: z
      .number()
      .int()
      .min(-400, 'move the price by at most 400 ticks')
      .max(400, 'move the price by at most 400 ticks')
      .refine((ticks) => ticks !== 0, 'move the price by at least one tick'),
  })
  .strict();
/** What the simulator did, in words: "Bought 2 MNQ at 21,000.00". */
export const DemoResultSchema = z.object({ message: z.string() });

/**
 * How long a self-lockout lasts: to the end of the trading day (the next daily reset), to the next
 * session start, for N hours, or to a wall time in the trading timezone ("HH:MM", today, or
 * tomorrow when that time has already passed today).
 */
export const SelfLockUntilSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('endOfDay') }).strict(),
    z.object({ kind: z.literal('nextSession') }).strict(),
    z
      .object({
        kind: z.literal('hours'),
        hours: z.number().int('hours must be a whole number from 1 to 72').min(1, 'hours must be 1 to 72').max(72, 'hours must be 1 to 72'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('time'),
        at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'at must be a time of day as HH:MM (24-hour), such as 15:30'),
      })
      .strict(),
  ],
  { error: 'until.kind must be "endOfDay", "nextSession", "hours" or "time"' },
);
export type SelfLockUntil = z.infer<typeof SelfLockUntilSchema>;
export const SelfLockRequestSchema = z
  .object({
    /** Empty: every guarded account. */
    accountIds: z.array(z.number().int().positive()).max(100),
    until: SelfLockUntilSchema,
    /**
     * The end the trader saw in the preview (ISO). A lock is refused when the end it would have now
     * differs by more than a few minutes (the preview said 5:00 PM today and the reset passed meanwhile).
     */
    previewedUntil: z.iso.datetime({ error: 'previewedUntil must be an ISO date-time' }).optional(),
  })
  .strict();
export type SelfLockRequest = z.infer<typeof SelfLockRequestSchema>;
/** What a self-lockout would do, shown before the trader confirms it. */
export const SelfLockPreviewSchema = z.object({
  until: z.string(),
  /** The end in the trading timezone: "Tue Mar 10, 9:30 AM CT". */
  untilText: z.string(),
  accounts: z.array(z.string()),
  /** What is closed and cancelled now, in words: "PRAC-1: close MNQ (2 contracts); cancel MNQ order 17". */
  closes: z.array(z.string()),
  /** The chosen accounts already locked, in words: "PRAC-1 is already locked by Daily realized loss until 5:00 PM CT". */
  alreadyLocked: z.array(z.string()),
});
export type SelfLockPreview = z.infer<typeof SelfLockPreviewSchema>;
export const LockResultSchema = z.object({ message: z.string() });

export const riskApiMethods = {
  getSnapshot: { params: z.object({}).strict(), result: SnapshotSchema },
  requestUnlock: { params: UnlockRequestSchema, result: UnlockResultSchema },
  getSettings: { params: z.object({}).strict(), result: SettingsViewSchema },
  saveSettings: { params: SettingsInputSchema, result: SettingsViewSchema },
  /** Sends one test alert to the stored webhook and says what the receiver answered. */
  testWebhook: { params: z.object({}).strict(), result: WebhookTestResultSchema },
  getConfigView: { params: z.object({}).strict(), result: ConfigViewSchema },
  getPnlHistory: { params: z.object({ accountId: z.number().int().positive() }).strict(), result: PnlHistorySchema },
  getAuditLog: { params: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(), result: z.array(AuditEntrySchema) },
  /** Demo mode only (refused otherwise): the demo panel's trades and price moves on the simulator. */
  demoOrder: { params: DemoOrderSchema, result: DemoResultSchema },
  demoCloseAll: { params: z.object({ accountId: z.number().int().positive() }).strict(), result: DemoResultSchema },
  demoNudge: { params: DemoNudgeSchema, result: DemoResultSchema },
  /** Flattens and locks the accounts until the chosen end; only an admin unlock lifts it early. */
  selfLock: { params: SelfLockRequestSchema, result: LockResultSchema },
  selfLockPreview: { params: SelfLockRequestSchema, result: SelfLockPreviewSchema },
  /** Flattens every guarded account, cancels every order and locks each until the daily reset. */
  killSwitch: { params: z.object({}).strict(), result: LockResultSchema },
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
/** A call's outcome as both bridges carry it: an error travels as the message a trader can read. */
export type CallReply = { ok: true; result: unknown } | { ok: false; error: string };
export type ResponseFrame = CallReply & { id: number };
export interface EventFrame {
  event: EventName;
  payload: unknown;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(riskApiMethods, name);
}
