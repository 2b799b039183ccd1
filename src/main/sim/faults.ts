/**
 * Fault injection for the simulator (`POST /sim/faults`): what a flaky gateway does to a client.
 * Every field is optional; a call changes only what it names.
 */
import { z } from 'zod';
import { FillDeliverySchema } from './fill-delivery';

export const FaultsSchema = z.strictObject({
  /** The next `count` REST calls (optionally only these endpoints) answer this HTTP status. */
  rest: z
    .strictObject({
      status: z.union([z.literal(429), z.literal(500), z.literal(503)]),
      count: z.number().int().positive(),
      endpoints: z.array(z.string()).optional(),
      /** Carry the call out, then answer the error anyway: the ambiguous failure of a lost reply. */
      afterProcessing: z.boolean().optional(),
    })
    .optional(),
  /** Added to every REST answer. */
  latencyMs: z.number().int().nonnegative().max(10_000).optional(),
  /** Drop every hub socket now, as a flaky network would. */
  dropSockets: z.literal(true).optional(),
  /** Keep dropping them every N seconds (0 stops). */
  dropEverySeconds: z.number().nonnegative().max(3600).optional(),
  /** Stop (true) or resume (false) quotes while sockets stay up: the silent feed. */
  pauseMarket: z.boolean().optional(),
  /** Every token issued so far stops working (REST 401, hub upgrades refused). */
  expireTokens: z.literal(true).optional(),
  /** Send GatewayLogout on both hubs. */
  logout: z.literal(true).optional(),
  /** The order a fill's user-hub messages go out in from now on, until /sim/reset (see fill-delivery.ts). */
  fillDelivery: FillDeliverySchema.optional(),
  /**
   * false: the market hub refuses upgrades with 401 from now on, as live does a login without the market-data
   * entitlement (sockets already up stay up); true: it takes them again.
   */
  marketData: z.boolean().optional(),
  /** false: the user hub refuses upgrades with 503 from now on (sockets up stay up); true: it takes them again. */
  userHub: z.boolean().optional(),
  /** The user hub forgets every subscription while its sockets stay up: a dead user feed that pings keep looking alive. */
  forgetUserSubscriptions: z.literal(true).optional(),
  /**
   * Every list answer (Account/search, Contract/available, Position/searchOpen, Order/search(Open), Trade/search)
   * carries one more row with a null where a number belongs, as a client must survive (PROJECTX.md §13).
   */
  oddRows: z.boolean().optional(),
  /** The next N Subscribe* invocations on the user hub answer with an error (0 stops). */
  failUserSubscribes: z.number().int().nonnegative().max(1000).optional(),
});
export type Faults = z.infer<typeof FaultsSchema>;

/** The REST side of the faults: which calls fail and how slow they are. */
export class RestFaults {
  private failing: { status: number; remaining: number; endpoints: Set<string> | null; afterProcessing: boolean } | null = null;
  latencyMs = 0;
  oddRows = false;

  failNext(status: number, count: number, endpoints?: readonly string[], afterProcessing = false): void {
    this.failing = { status, remaining: count, endpoints: endpoints ? new Set(endpoints) : null, afterProcessing };
  }

  /** How this call must fail, if it must (counts it down). */
  take(endpoint: string): { status: number; afterProcessing: boolean } | null {
    const f = this.failing;
    if (!f || f.remaining <= 0 || (f.endpoints && !f.endpoints.has(endpoint))) return null;
    f.remaining--;
    return { status: f.status, afterProcessing: f.afterProcessing };
  }

  clear(): void {
    this.failing = null;
    this.latencyMs = 0;
    this.oddRows = false;
  }
}
