/**
 * Real time plus an offset that only moves forward: the web host's test hook (--test-clock,
 * simulator only) jumps it to a daily reset or a lock's end while timers keep running in real
 * time. A jump fires, in order, every timer that the new time has passed.
 */
import type { Clock, TimerHandle } from './clock';

const DAY_MS = 86_400_000;
/** How far ahead of real time the test clock may run: past a year of resets, short of dates no Date can print. */
export const MAX_TEST_CLOCK_OFFSET_MS = 400 * DAY_MS;

interface Timer {
  due: number;
  seq: number;
  callback: () => void;
  real: NodeJS.Timeout;
}

export class ShiftableClock implements Clock {
  private offset = 0;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.realNow() + this.offset;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: Timer = {
      due: this.now() + Math.max(0, ms),
      seq: this.seq++,
      callback,
      real: setTimeout(() => this.fire(timer), Math.max(0, ms)),
    };
    timer.real.unref?.();
    this.timers.add(timer);
    return { cancel: () => this.drop(timer) };
  }

  /** Moves time forward by `ms` and fires every timer now due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the test clock only moves forward; got ${ms} ms`);
    if (this.offset + ms > MAX_TEST_CLOCK_OFFSET_MS) {
      const ahead = (this.offset / DAY_MS).toFixed(1);
      throw new RangeError(
        `the test clock runs at most ${MAX_TEST_CLOCK_OFFSET_MS / DAY_MS} days ahead of real time (now ${ahead} days ahead); got ${ms} ms`,
      );
    }
    this.offset += ms;
    const now = this.now();
    const due = [...this.timers].filter((t) => t.due <= now).sort((a, b) => a.due - b.due || a.seq - b.seq);
    for (const timer of due) this.fire(timer);
  }

  private fire(timer: Timer): void {
    if (!this.timers.has(timer)) return;
    this.drop(timer);
    timer.callback();
  }

  private drop(timer: Timer): void {
    clearTimeout(timer.real);
    this.timers.delete(timer);
  }
}
