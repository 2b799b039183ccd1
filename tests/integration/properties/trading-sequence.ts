/**
 * Random trading sequences played through the real service against the simulator, with the
 * messages of every fill delivered in each order the live gateway may use (issue 14), and what
 * the broker's own books say happened, to judge Risk Warden by.
 *
 * The default run is seeded (14) and small (about 35 s for the folder on 2 cores). To run more:
 *   RW_PROPERTY_RUNS=500 RW_PROPERTY_SEED=<any integer> npx vitest run tests/integration/properties
 * A failure prints its seed and path; RW_PROPERTY_SEED=<seed> RW_PROPERTY_PATH=<path> replays it.
 */
import fc from 'fast-check';
import { expect, vi } from 'vitest';
import type { Snapshot } from '../../../src/shared/contract';
import { roundCents } from '../../../src/shared/domain';
import { OrderSide, OrderStatus, OrderType, PositionType } from '../../../src/main/gateway/wire';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../../src/main/sim/contracts';
import type { SimEvent } from '../../../src/main/sim/exchange';
import type { FillDeliveryOptions } from '../../../src/main/sim/fill-delivery';
import type { Simulator } from '../../../src/main/sim/simulator';
import { config, startHarness, type Harness } from '../../helpers/harness';
import { ReconcileProbe } from '../../helpers/reconcile';
import { EveryCheckpoint, ObservedClock } from '../../helpers/service-moments';
import { believed, expectedFrom } from '../../helpers/sim-state';
import { DEMO_ACCOUNT, Trader } from '../../helpers/trader';

export const PROPERTY_SEED = Number(process.env.RW_PROPERTY_SEED ?? 14);

/**
 * fast-check's parameters: the seed, and the runs (RW_PROPERTY_RUNS, or the suite's small default).
 * A failure shrinks, and each try plays the sequence in every delivery order: the default run
 * stops shrinking after 2 minutes (RW_PROPERTY_TIME_LIMIT_MS to change it; a run asked for with
 * RW_PROPERTY_RUNS has no limit unless given one, so that it never ends early unnoticed).
 */
export function propertyParameters(defaultRuns: number): fc.Parameters<unknown> {
  const path = process.env.RW_PROPERTY_PATH;
  const limit = process.env.RW_PROPERTY_TIME_LIMIT_MS ?? (process.env.RW_PROPERTY_RUNS ? undefined : '120000');
  return {
    seed: PROPERTY_SEED,
    numRuns: Number(process.env.RW_PROPERTY_RUNS ?? defaultRuns),
    ...(path ? { path } : {}),
    ...(limit ? { interruptAfterTimeLimit: Number(limit), markInterruptAsFailure: false } : {}),
  };
}

const SYMBOLS = { MNQ: SIM_CONTRACTS_BY_SYMBOL.MNQ, MES: SIM_CONTRACTS_BY_SYMBOL.MES } as const;
type Symbol = keyof typeof SYMBOLS;
const SYMBOL_NAMES = Object.keys(SYMBOLS) as Symbol[];

export interface TradeStep {
  kind: 'trade';
  symbol: Symbol;
  side: 'buy' | 'sell';
  size: number;
}
export interface PriceStep {
  kind: 'price';
  symbol: Symbol;
  /** From the last price, in ticks. */
  ticks: number;
}
/** The trader closes the whole position on the contract at market (nothing when flat). */
export interface CloseStep {
  kind: 'close';
  symbol: Symbol;
}
/** The user hub drops (the gap's step, if any, is lost to it) and the service reconciles over REST. */
export interface ReconcileStep {
  kind: 'reconcile';
  gap: TradeStep | PriceStep | CloseStep | null;
}
export type Step = TradeStep | PriceStep | CloseStep | ReconcileStep;

export const tradeStep: fc.Arbitrary<TradeStep> = fc.record({
  kind: fc.constant('trade' as const),
  symbol: fc.constantFrom(...SYMBOL_NAMES),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  size: fc.integer({ min: 1, max: 6 }),
});

export const priceStep: fc.Arbitrary<PriceStep> = fc.record({
  kind: fc.constant('price' as const),
  symbol: fc.constantFrom(...SYMBOL_NAMES),
  ticks: fc.integer({ min: -40, max: 40 }).filter((t) => Math.abs(t) >= 2),
});

export const closeStep: fc.Arbitrary<CloseStep> = fc.record({
  kind: fc.constant('close' as const),
  symbol: fc.constantFrom(...SYMBOL_NAMES),
});

const reconcileStep: fc.Arbitrary<ReconcileStep> = fc.record({
  kind: fc.constant('reconcile' as const),
  gap: fc.option(fc.oneof(tradeStep, priceStep, closeStep), { nil: null }),
});

export function stepsArbitrary(options: { reconciles: boolean; minLength?: number; maxLength: number }): fc.Arbitrary<Step[]> {
  const step: fc.Arbitrary<Step> = fc.oneof(
    { arbitrary: tradeStep, weight: 4 },
    { arbitrary: priceStep, weight: 5 },
    { arbitrary: closeStep, weight: 2 },
    { arbitrary: reconcileStep, weight: options.reconciles ? 1 : 0 },
  );
  return fc.array(step, { minLength: options.minLength ?? 1, maxLength: options.maxLength });
}

/** RULE-012 settings: breakeven, trailing, or both. */
export const tradeManagementArbitrary = fc.oneof(
  fc.record({ auto_breakeven: fc.record({ profit_ticks: fc.integer({ min: 2, max: 12 }), offset_ticks: fc.integer({ min: 0, max: 2 }) }) }),
  fc.record({
    trailing_stop: fc.record({ activation_ticks: fc.integer({ min: 4, max: 16 }), trail_ticks: fc.integer({ min: 2, max: 8 }) }),
  }),
  fc.record({
    auto_breakeven: fc.record({ profit_ticks: fc.integer({ min: 2, max: 12 }), offset_ticks: fc.integer({ min: 0, max: 2 }) }),
    trailing_stop: fc.record({ activation_ticks: fc.integer({ min: 4, max: 16 }), trail_ticks: fc.integer({ min: 2, max: 8 }) }),
  }),
);

/** Every delivery order of a fill's messages a sequence is played in; the shuffles draw from `seed`. */
export function deliveries(seed: number): FillDeliveryOptions[] {
  return [
    { order: 'simulator' },
    { order: 'live' },
    { order: 'positionFirst' },
    { order: 'shuffled', seed },
    { order: 'live', duplicates: true },
    { order: 'shuffled', seed: seed + 1, duplicates: true },
  ];
}

export function deliveryLabel(delivery: FillDeliveryOptions): string {
  return `${delivery.order}${delivery.seed !== undefined ? `(seed ${delivery.seed})` : ''}${delivery.duplicates ? '+duplicates' : ''}`;
}

export interface Scenario {
  /** The rules section of the config. */
  rules: Record<string, unknown>;
  steps: readonly Step[];
  delivery: FillDeliveryOptions;
}

/** A breach message and what the snapshot showed for its account at that moment. */
export interface WitnessedBreach {
  title: string;
  /** The rule the entry names by its title ("Daily realized loss broken"), as its card is identified. */
  ruleId: string | null;
  detail: string | null;
  /** The first figure in the message. */
  figure: number | null;
  /** The rule card's figure and the P&L on screen (total and realized). */
  card: number | null;
  pnl: { realized: number; total: number } | null;
}

export interface Played {
  delivery: FillDeliveryOptions;
  /** The rule that locked the account at the end, if any. */
  lock: string | null;
  /** The broker's books at the end. */
  books: { realized: number; positions: { contractId: string; size: number; averagePrice: number }[] };
  /** The daily-loss figure as the broker's books gave it after every message the simulator sent (the figure of RULE-003's config). */
  brokerFigures: number[];
  breaches: WitnessedBreach[];
  /** closeContract/partialCloseContract calls, each with the broker's position episode it reached. */
  closes: { contractId: string; episode: number | null }[];
  cancels: number[];
  /** Why the run could not finish (books that never agreed with the broker's, a service that never came to rest), if it did not. */
  stopped: string | null;
  /** Risk Warden's orders left working on a flat contract after a step, and positions its orders opened, increased or reversed. */
  orphans: string[];
  /** Risk Warden's orders left after a step that, filled, would open or add: on the entry side, or larger than the position. */
  oversized: string[];
  /** The account's lock at the end and the broker still holding something. */
  lockNotEnforced: string | null;
  /** The broker's fills in order, and whose order each was. */
  fills: { by: 'trader' | 'Risk Warden'; side: 'buy' | 'sell'; size: number; contractId: string; price: number }[];
  /** Every order Risk Warden placed at the broker (stops, and the orders its closes became), as the broker has it at the end. */
  riskWardenOrders: { type: string; side: 'buy' | 'sell'; size: number; stopPrice: number | null; status: string }[];
  /** The P&L on Risk Warden's screen at the end. */
  screen: { realized: number; unrealized: number; total: number } | null;
  /** What Risk Warden's timeline said, for the report of a failure. */
  timeline: string[];
}

/** The daily loss figure as the broker's books give it: realized net of fees, plus open positions at the last price if asked. */
export function brokerFigure(sim: Simulator, includeUnrealized: boolean): number {
  const state = sim.exchange.state();
  let figure = 0;
  for (const trade of state.trades)
    if (trade.accountId === DEMO_ACCOUNT && !trade.voided) figure += (trade.profitAndLoss ?? 0) - trade.fees;
  if (includeUnrealized) {
    for (const position of state.positions) {
      if (position.accountId !== DEMO_ACCOUNT) continue;
      const contract = sim.exchange.contract(position.contractId)!;
      const signed = position.type === PositionType.Long ? position.size : -position.size;
      const last = sim.exchange.price(position.contractId)!;
      figure += (signed * (last - position.averagePrice) * contract.tickValue) / contract.tickSize;
    }
  }
  return roundCents(figure);
}

/** The first number in a text ("P&L today −683.70 has reached …" → −683.7). */
export function firstFigure(text: string | null): number | null {
  // "-$54.44" and "−54.44" alike: the sign may stand before the dollar sign.
  const match = /([-−])?\$?(\d+(?:\.\d+)?)/.exec((text ?? '').replaceAll(',', ''));
  return match ? Number(`${match[1] ? '-' : ''}${match[2]}`) : null;
}

/** The name wire.ts gives a code ("Stop" for OrderType 4). */
function codeName(codes: Record<string, number>, code: number): string {
  return Object.entries(codes).find(([, value]) => value === code)?.[0] ?? String(code);
}

function describeOrder(order: { id: number; type: number; side: number; size: number; stopPrice: number | null }): string {
  const type = codeName(OrderType, order.type);
  return `#${order.id} ${type} ${order.side === OrderSide.Bid ? 'buy' : 'sell'} ${order.size}${order.stopPrice !== null ? ` @ ${order.stopPrice}` : ''}`;
}

function describeStep(step: Step): string {
  switch (step.kind) {
    case 'trade':
      return `${step.side} ${step.size} ${step.symbol}`;
    case 'price':
      return `${step.symbol} ${step.ticks > 0 ? '+' : ''}${step.ticks} ticks`;
    case 'close':
      return `close ${step.symbol}`;
    case 'reconcile':
      return `reconcile${step.gap ? ` (gap: ${describeStep(step.gap)})` : ''}`;
  }
}

/** Plays one scenario through a fresh simulator and service; always closes them. */
export function play(scenario: Scenario): Promise<Played> {
  return new SequencePlayer(scenario).run();
}

/** One scenario's run: the trader's steps, the service brought to rest after each, and what was seen on the way. */
class SequencePlayer {
  private readonly played: Played;
  private readonly includeUnrealized: boolean;
  /** The service's clock: the test moves it, and sees every time the service reads it. */
  private readonly clock = new ObservedClock(Date.now());
  private readonly reconciles = new ReconcileProbe();
  private readonly traderOrders = new Set<number>();
  /** The broker's position id per contract, from its last position message: a close is counted against it. */
  private readonly lastPositionId = new Map<string, number>();
  private readonly seenBreaches = new Set<number>();
  private published = 0;
  private harness: Harness | null = null;
  private trader: Trader | null = null;

  constructor(private readonly scenario: Scenario) {
    const rule = scenario.rules.daily_realized_loss as { include_unrealized?: boolean } | undefined;
    this.includeUnrealized = rule?.include_unrealized ?? false;
    this.played = {
      delivery: scenario.delivery,
      lock: null,
      books: { realized: 0, positions: [] },
      brokerFigures: [0],
      breaches: [],
      closes: [],
      cancels: [],
      stopped: null,
      orphans: [],
      oversized: [],
      lockNotEnforced: null,
      fills: [],
      riskWardenOrders: [],
      screen: null,
      timeline: [],
    };
  }

  async run(): Promise<Played> {
    try {
      await this.start();
      for (const [index, step] of this.scenario.steps.entries()) {
        await this.perform(step);
        await this.settle(`after step ${index + 1} (${describeStep(step)})`);
      }
      this.end();
    } catch (error) {
      this.played.stopped = (error as Error).message;
    } finally {
      if (this.harness) {
        this.played.timeline = timelineText(this.clock.quietly(() => this.harness!.service.snapshot()));
        this.clock.onRead(null);
        await this.harness.close();
      }
    }
    return this.played;
  }

  private get sim(): Simulator {
    return this.harness!.sim;
  }

  private async start(): Promise<void> {
    const observer = {
      requested: (endpoint: string) => this.reconciles.requested(endpoint),
      published: (event: SimEvent) => this.brokerPublished(event),
    };
    this.harness = await startHarness({
      config: config(this.scenario.rules),
      sim: { fillDelivery: this.scenario.delivery, observer },
      clock: this.clock,
      checkpoints: new EveryCheckpoint(() => this.clock.quietly(() => this.witness())),
    });
    this.clock.onRead(() => this.witness());
    recordEnforcementCalls(this.sim, this.played, this.lastPositionId);
    this.trader = await Trader.login(this.sim);
  }

  /** Every message the broker sends: its books move, and the rule's figure with them. */
  private brokerPublished(event: SimEvent): void {
    this.published++;
    if (!this.harness) return;
    if (event.topic === 'position' && event.accountId === DEMO_ACCOUNT) this.lastPositionId.set(event.payload.contractId, event.payload.id);
    this.played.brokerFigures.push(brokerFigure(this.sim, this.includeUnrealized));
  }

  /** Takes in every breach message not seen yet, with what the snapshot shows right now. */
  private witness(): void {
    if (!this.harness) return;
    const snapshot = this.harness.service.snapshot();
    for (const entry of snapshot.timeline) {
      if (entry.kind !== 'breach' || this.seenBreaches.has(entry.id)) continue;
      this.seenBreaches.add(entry.id);
      const account = snapshot.accounts.find((a) => a.id === entry.accountId);
      // The timeline names the rule by its card's title, never by its id.
      const rule = account?.rules.find((r) => entry.title === `${r.title} broken`);
      this.played.breaches.push({
        title: entry.title,
        ruleId: rule?.ruleId ?? null,
        detail: entry.detail,
        figure: firstFigure(entry.detail),
        card: rule?.value ?? null,
        pnl: account ? { realized: account.pnl.realized, total: account.pnl.total } : null,
      });
    }
  }

  private async perform(step: Step): Promise<void> {
    switch (step.kind) {
      case 'trade':
        return this.placeThroughPlatform(SYMBOLS[step.symbol].id, step.side === 'buy' ? OrderSide.Bid : OrderSide.Ask, step.size);
      case 'price':
        return this.movePrice(step);
      case 'close': {
        const order = this.closingOrder(step);
        if (order) await this.placeThroughPlatform(order.contractId, order.side, order.size);
        return;
      }
      case 'reconcile': {
        const gap = step.gap;
        return this.reconciles.force(this.harness!, { clock: this.clock, ...(gap ? { inTheGap: () => this.performInGap(gap) } : {}) });
      }
    }
  }

  /** The trader's click in the platform: Order/place over REST. */
  private async placeThroughPlatform(contractId: string, side: number, size: number): Promise<void> {
    const trader = this.trader!;
    this.traderOrders.add(await (side === OrderSide.Bid ? trader.buy(contractId, size) : trader.sell(contractId, size)));
  }

  private movePrice(step: PriceStep): void {
    const contract = SYMBOLS[step.symbol];
    this.sim.exchange.setPrice(contract.id, this.sim.exchange.price(contract.id)! + step.ticks * contract.tickSize);
  }

  /**
   * While the user hub is down: the order goes straight into the exchange, in the same tick as the
   * drop, so that its messages are surely lost and only the reconcile can tell (over REST, the
   * trader's click could land after the client is back).
   */
  private performInGap(step: TradeStep | PriceStep | CloseStep): void {
    if (step.kind === 'price') return this.movePrice(step);
    const order =
      step.kind === 'close'
        ? this.closingOrder(step)
        : { contractId: SYMBOLS[step.symbol].id, side: step.side === 'buy' ? OrderSide.Bid : OrderSide.Ask, size: step.size };
    if (order) this.traderOrders.add(this.sim.exchange.placeOrder({ accountId: DEMO_ACCOUNT, type: OrderType.Market, ...order }));
  }

  /** The market order that closes the trader's position on the contract, or null when flat. */
  private closingOrder(step: CloseStep): { contractId: string; side: number; size: number } | null {
    const contractId = SYMBOLS[step.symbol].id;
    const held = this.sim.exchange.openPositions(DEMO_ACCOUNT).find((p) => p.contractId === contractId);
    if (!held) return null;
    return { contractId, side: held.type === PositionType.Long ? OrderSide.Ask : OrderSide.Bid, size: held.size };
  }

  /** Brings the service to rest, lets a second pass (the trader's next click comes a second later), and checks Risk Warden's orders. */
  private async settle(when: string): Promise<void> {
    await quiesce(this.harness!, this.clock, () => this.published);
    await this.clock.advance(1000);
    await quiesce(this.harness!, this.clock, () => this.published);
    const { orphans, oversized } = riskWardenOrdersAgainstPositions(this.sim, this.traderOrders);
    this.played.orphans.push(...orphans.map((p) => `${when}: ${p}`));
    this.played.oversized.push(...oversized.map((p) => `${when}: ${p}`));
  }

  /** What the run ended with: the lock, the screen, the broker's books, fills and Risk Warden's orders. */
  private end(): void {
    const { sim, played, traderOrders } = this;
    this.clock.quietly(() => this.witness());
    played.orphans.push(...positionsNobodyPlaced(sim, traderOrders));
    const snapshot = this.clock.quietly(() => this.harness!.service.snapshot());
    const account = snapshot.accounts.find((a) => a.id === DEMO_ACCOUNT);
    played.lock = account?.lockout?.ruleId ?? null;
    played.screen = account ? { realized: account.pnl.realized, unrealized: account.pnl.unrealized, total: account.pnl.total } : null;
    const state = sim.exchange.state();
    played.fills = state.trades
      .filter((t) => t.accountId === DEMO_ACCOUNT)
      .map((t) => ({
        by: traderOrders.has(t.orderId) ? 'trader' : 'Risk Warden',
        side: t.side === OrderSide.Bid ? 'buy' : 'sell',
        size: t.size,
        contractId: t.contractId,
        price: t.price,
      }));
    played.riskWardenOrders = sim.exchange
      .ordersOf(DEMO_ACCOUNT)
      .filter((o) => !traderOrders.has(o.id))
      .map((o) => ({
        type: codeName(OrderType, o.type),
        side: o.side === OrderSide.Bid ? 'buy' : 'sell',
        size: o.size,
        stopPrice: o.stopPrice,
        status: codeName(OrderStatus, o.status),
      }));
    const expected = expectedFrom(state);
    played.books = { realized: expected.realized, positions: expected.positions };
    if (played.lock && (sim.exchange.openPositions(DEMO_ACCOUNT).length > 0 || sim.exchange.openOrders(DEMO_ACCOUNT).length > 0))
      played.lockNotEnforced = `the account is locked by ${played.lock} but the broker still shows positions or working orders`;
  }
}

function timelineText(snapshot: Snapshot): string[] {
  return snapshot.timeline.filter((e) => e.kind !== 'connection').map((e) => `${e.kind}: ${e.title}${e.detail ? ` — ${e.detail}` : ''}`);
}

/** Notes every close and cancel the broker receives, with the position episode (the broker's position id) a close reaches. */
function recordEnforcementCalls(sim: Simulator, played: Played, lastPositionId: ReadonlyMap<string, number>): void {
  const exchange = sim.exchange;
  const closeContract = exchange.closeContract.bind(exchange);
  const partialCloseContract = exchange.partialCloseContract.bind(exchange);
  const cancelOrder = exchange.cancelOrder.bind(exchange);
  exchange.closeContract = (accountId, contractId) => {
    played.closes.push({ contractId, episode: lastPositionId.get(contractId) ?? null });
    closeContract(accountId, contractId);
  };
  exchange.partialCloseContract = (accountId, contractId, size) => {
    played.closes.push({ contractId, episode: lastPositionId.get(contractId) ?? null });
    partialCloseContract(accountId, contractId, size);
  };
  exchange.cancelOrder = (accountId, orderId) => {
    played.cancels.push(orderId);
    cancelOrder(accountId, orderId);
  };
}

/** How many REST calls the broker has had, and how many messages it sent: both still while nothing happens. */
function activity(sim: Simulator, published: () => number): number {
  return Object.values(sim.calls).reduce((a, b) => a + b, 0) + published();
}

/**
 * Waits until every message sent so far has been applied (Risk Warden's books, orders and marks
 * equal the broker's) and every call it made in response has been answered, round after round
 * until the broker sees no new call. The service's clock holds still meanwhile: once every message
 * of a fill is in, the account must agree with the broker without waiting for a timeout.
 */
async function quiesce(harness: Harness, clock: ObservedClock, published: () => number): Promise<void> {
  const { sim, service } = harness;
  for (let round = 0; round < 20; round++) {
    const before = activity(sim, published);
    try {
      // Polled every 2 ms: a sequence waits here twice a step in each of six deliveries.
      await vi.waitFor(() => expect(clock.quietly(() => riskWardenView(harness))).toEqual(brokerView(sim)), { timeout: 3000, interval: 2 });
    } catch (error) {
      throw new Error(
        `Risk Warden's books never matched the broker's once every message was delivered (3 s, its clock held still): ${(error as Error).message.split('\n')[0]}\n` +
          `  Risk Warden: ${JSON.stringify(clock.quietly(() => riskWardenView(harness)))}\n  broker:      ${JSON.stringify(brokerView(sim))}`,
      );
    }
    await service.settled();
    if (activity(sim, published) === before) return;
  }
  throw new Error('Risk Warden kept calling the broker: no rest after 20 rounds');
}

function riskWardenView(harness: Harness) {
  const snapshot = harness.service.snapshot();
  const account = snapshot.accounts.find((a) => a.id === DEMO_ACCOUNT)!;
  return {
    ...believed(snapshot),
    orders: account.openOrders.map((o) => o.id).sort((a, b) => a - b),
    marks: account.positions.map((p) => [p.contractId, p.markPrice]).sort(),
  };
}

function brokerView(sim: Simulator) {
  const expected = expectedFrom(sim.exchange.state());
  return {
    ...expected,
    orders: sim.exchange
      .openOrders(DEMO_ACCOUNT)
      .map((o) => o.id)
      .sort((a, b) => a - b),
    marks: expected.positions.map((p) => [p.contractId, sim.exchange.price(p.contractId)]).sort(),
  };
}

/**
 * Risk Warden's working orders (every order the trader did not place) against the broker's
 * positions: none on a flat contract (orphans); each on the exit side and together no larger
 * than the position (else oversized: filled, they would open or add to one).
 */
function riskWardenOrdersAgainstPositions(sim: Simulator, traderOrders: ReadonlySet<number>): { orphans: string[]; oversized: string[] } {
  const orphans: string[] = [];
  const oversized: string[] = [];
  const held = new Map(
    sim.exchange.openPositions(DEMO_ACCOUNT).map((p) => [p.contractId, p.type === PositionType.Long ? p.size : -p.size]),
  );
  const ours = sim.exchange.openOrders(DEMO_ACCOUNT).filter((o) => !traderOrders.has(o.id));
  for (const contractId of new Set(ours.map((o) => o.contractId))) {
    const orders = ours.filter((o) => o.contractId === contractId);
    const size = held.get(contractId) ?? 0;
    const listed = orders.map(describeOrder).join(', ');
    if (size === 0) {
      orphans.push(`Risk Warden's order ${listed} works on ${contractId}, which is flat`);
      continue;
    }
    const exitSide = size > 0 ? OrderSide.Ask : OrderSide.Bid;
    if (orders.some((o) => o.side !== exitSide))
      oversized.push(`Risk Warden's order ${listed} on ${contractId} would add to the position ${size}`);
    else if (orders.reduce((sum, o) => sum + o.size, 0) > Math.abs(size))
      oversized.push(`Risk Warden's orders ${listed} on ${contractId} exceed the position ${size}: filled, they open one the other way`);
  }
  return { orphans, oversized };
}

/** Every fill of an order the trader did not place only reduced a position, never opened, increased or reversed one. */
function positionsNobodyPlaced(sim: Simulator, traderOrders: ReadonlySet<number>): string[] {
  const problems: string[] = [];
  const held = new Map<string, number>();
  for (const trade of sim.exchange.state().trades) {
    if (trade.accountId !== DEMO_ACCOUNT) continue;
    const before = held.get(trade.contractId) ?? 0;
    const signed = trade.side === OrderSide.Bid ? trade.size : -trade.size;
    held.set(trade.contractId, before + signed);
    if (traderOrders.has(trade.orderId)) continue;
    const reduces = before !== 0 && Math.sign(signed) === -Math.sign(before) && Math.abs(signed) <= Math.abs(before);
    if (!reduces) {
      const order = sim.exchange.ordersOf(DEMO_ACCOUNT).find((o) => o.id === trade.orderId);
      problems.push(
        `Risk Warden's order ${order ? describeOrder(order) : `#${trade.orderId}`} filled ${signed > 0 ? 'buy' : 'sell'} ${trade.size} at ${trade.price} on ${trade.contractId} holding ${before}: it made a position of ${before + signed} nobody placed`,
      );
    }
  }
  return problems;
}

/**
 * Plays are kept per scenario for the file's life: the properties of one file draw the same
 * sequences from the same seed, so each sequence is played once and judged by each of them.
 */
const plays = new Map<string, Promise<Played>>();

export function playOnce(scenario: Scenario): Promise<Played> {
  const key = JSON.stringify(scenario);
  let played = plays.get(key);
  if (!played) {
    played = play(scenario);
    plays.set(key, played);
  }
  return played;
}

/** The sequence played once in every delivery order. */
export async function playInEveryOrder(rules: Record<string, unknown>, steps: readonly Step[], seed: number): Promise<Played[]> {
  const all: Played[] = [];
  for (const delivery of deliveries(seed)) all.push(await playOnce({ rules, steps, delivery }));
  return all;
}
