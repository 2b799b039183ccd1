/** Runs `flush` at most once per interval however often `request` is called (renderer pushes ≤ 20 Hz). */
import type { Clock, TimerHandle } from '../schedule/clock';

export class Coalescer {
  private timer: TimerHandle | null = null;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly flush: () => void,
  ) {}

  request(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.lastFlush = this.clock.now();
      this.flush();
    }, wait);
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }
}
