/** Demo-mode random walk: every contract moves by at most a tick or two a few times a second. */
import type { Exchange } from './exchange';

export class PriceFeed {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly exchange: Exchange,
    private readonly intervalMs = 250,
    private readonly random: () => number = Math.random,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.step(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private step(): void {
    for (const contract of this.exchange.contractList()) {
      const price = this.exchange.price(contract.id)!;
      const ticks = Math.round((this.random() - 0.5) * 4);
      if (ticks !== 0) this.exchange.setPrice(contract.id, price + ticks * contract.tickSize);
    }
  }
}
