/**
 * A REST reconcile of the service at a moment the test chooses: the user hub's socket drops, as a
 * flaky network drops it; the client reconnects, re-subscribes and reads the account, positions,
 * orders and today's trades over REST, which repeat what the hubs already delivered (and bring
 * what the gap lost).
 *
 * Pass the probe as the simulator's observer (or call its `requested` from yours): it sees the
 * reconcile's reads arrive, so `force` returns only once the reconcile that began after every
 * subscription was back has been read, and, given the service's ObservedClock, applied.
 */
import { expect } from 'vitest';
import type { SimulatorObserver } from '../../src/main/sim/simulator';
import { eventually, type Harness } from './harness';
import type { ObservedClock } from './service-moments';

export class ReconcileProbe implements SimulatorObserver {
  private harness: Harness | null = null;
  private clock: ObservedClock | null = null;
  /** Who listened before the drop: the client is back once all of them listen again. */
  private before: ReadonlySet<string> | null = null;
  private begun = false;
  private onRead: (() => void) | null = null;

  requested(endpoint: string): void {
    if (!this.harness || !this.before) return;
    // A reconcile reads the accounts first, then positions, orders and trades.
    if (endpoint === 'Account/search' && this.allBack()) this.begun = true;
    if (endpoint === 'Trade/search' && this.begun) this.onRead?.();
  }

  /**
   * Drops the user hub (one reconnect, so one reconcile), runs `inTheGap` at once (what it does
   * synchronously is surely lost to the hub), and waits for the reconcile begun once the client was
   * back (every subscription again, the connection live): read, and, given the service's clock,
   * applied. Quotes are held back meanwhile, so that the first time the service reads its clock
   * after that reconcile's reads is when it applies it (applying a reconcile evaluates the rules);
   * then the market quotes again.
   */
  async force(harness: Harness, options: { inTheGap?: () => void; clock?: ObservedClock } = {}): Promise<void> {
    const { sim } = harness;
    this.harness = harness;
    this.clock = options.clock ?? null;
    this.before = sim.hubs.listeners();
    this.begun = false;
    let readsWhenRead: number | null = null;
    this.onRead = () => (readsWhenRead ??= options.clock?.reads ?? 0);
    const paused = sim.hubs.marketPaused;
    sim.hubs.marketPaused = true;
    try {
      sim.hubs.dropAll('user');
      options.inTheGap?.();
      await eventually(() => {
        expect(readsWhenRead, 'a reconcile begun once the client was back').not.toBeNull();
        if (options.clock) expect(options.clock.reads, 'the service applied that reconcile').toBeGreaterThan(readsWhenRead!);
      }, 10_000);
    } finally {
      this.before = null;
      this.onRead = null;
      sim.hubs.marketPaused = paused;
    }
    for (const contract of sim.exchange.contractList()) sim.exchange.setPrice(contract.id, sim.exchange.price(contract.id)!);
  }

  private allBack(): boolean {
    const now = this.harness!.sim.hubs.listeners();
    if (![...this.before!].every((listener) => now.has(listener))) return false;
    const look = () => this.harness!.service.snapshot().connection.state;
    return (this.clock ? this.clock.quietly(look) : look()) === 'live';
  }
}
