/**
 * Keeps REST calls under the gateway's limit (200 requests in any 60 s) with a sliding window.
 * Calls that take risk off (close, cancel, modify) never wait: they count in the window, so the
 * ordinary calls yield to them, and a 429 holds back only the ordinary calls. Should the gateway
 * refuse a close for the rate, the executor's backoff sends it again.
 */
import { backoffStep } from '../schedule/backoff';
import { delay, type Clock } from '../schedule/clock';

/**
 * enforcement: takes risk off; never waits. reconcile: how missed fills are learnt after a gap;
 * goes ahead of ordinary calls and ignores 429 back-off, but keeps to the window. normal: the rest.
 */
export type Priority = 'enforcement' | 'reconcile' | 'normal';
const RANK: Record<Priority, number> = { enforcement: 0, reconcile: 1, normal: 2 };

export interface PacerOptions {
  limit: number;
  windowMs: number;
  /** How long ordinary calls wait after a 429, doubling on each further one (capped). */
  backoffMs?: readonly number[];
}

interface Waiter {
  priority: Priority;
  start: () => void;
}

export class Pacer {
  private readonly sent: number[] = [];
  private readonly queue: Waiter[] = [];
  private blockedUntil = 0;
  private rateLimitedTimes = 0;
  private pumping = false;
  /** Wakes a pump that is waiting, so a call that arrives meanwhile (a close) is reconsidered at once. */
  private wake: (() => void) | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly options: PacerOptions,
  ) {}

  async run<T>(priority: Priority, call: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      const waiter = { priority, start };
      // Ahead of every waiting call of a lower rank, behind those of its own.
      const at = this.queue.findIndex((w) => RANK[w.priority] > RANK[priority]);
      if (at === -1) this.queue.push(waiter);
      else this.queue.splice(at, 0, waiter);
      this.wake?.();
      void this.pump();
    });
    return call();
  }

  /** The gateway answered 429: ordinary calls wait, longer each time it happens again. */
  rateLimited(): void {
    const steps = this.options.backoffMs ?? [2000, 5000, 15_000, 30_000];
    this.blockedUntil = this.clock.now() + backoffStep(steps, this.rateLimitedTimes++);
  }

  /** A call went through: the gateway is no longer pushing back. */
  succeeded(): void {
    this.rateLimitedTimes = 0;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.clock.now();
        while (this.sent.length > 0 && this.sent[0]! <= now - this.options.windowMs) this.sent.shift();
        const next = this.queue[0]!;
        const waitForWindow =
          next.priority !== 'enforcement' && this.sent.length >= this.options.limit ? this.sent[0]! + this.options.windowMs - now : 0;
        const waitForBackoff = next.priority === 'normal' ? Math.max(0, this.blockedUntil - now) : 0;
        const wait = Math.max(waitForWindow, waitForBackoff);
        if (wait > 0) {
          await Promise.race([delay(this.clock, wait), new Promise<void>((resolve) => (this.wake = resolve))]);
          this.wake = null;
          continue;
        }
        this.queue.shift();
        this.sent.push(now);
        next.start();
      }
    } finally {
      this.pumping = false;
    }
  }
}
