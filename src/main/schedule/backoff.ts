/** Waits between retries, from a table of steps. */
import type { Clock, TimerHandle } from './clock';

/** The wait before retry number `attempt` (from 0): the table's step, and its last step once past the end. */
export function backoffStep(table: readonly number[], attempt: number): number {
  return table[Math.min(attempt, table.length - 1)]!;
}

/** Something tried again on a backoff table: its failures since it last worked, and the timer of its next try. */
export class BackoffRetry {
  private failures = 0;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly table: readonly number[],
  ) {}

  /** Counts a failure; the wait before the next try. */
  nextWait(): number {
    return backoffStep(this.table, this.failures++);
  }

  /** Tries again after `wait` (from nextWait). */
  after(wait: number, again: () => void): void {
    this.timer = this.clock.setTimeout(again, wait);
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** It worked: the next failure waits the first step again. Whether it had been failing. */
  succeeded(): boolean {
    const wasFailing = this.failures > 0;
    this.failures = 0;
    return wasFailing;
  }
}
