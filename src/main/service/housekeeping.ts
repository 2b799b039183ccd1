/**
 * The service's once-a-second tick: what happens by the clock rather than by an event. Each step
 * is guarded on its own: a step that throws (a damaged database under a read) is logged and the
 * others run, and the tick goes on every second — nothing here can end the process.
 */
import type { Logger } from '../log';
import type { Clock, TimerHandle } from '../schedule/clock';
import type { DayCycle } from './day-cycle';
import type { EventPipeline } from './event-pipeline';
import type { FeedWatchdog } from './feed-watchdog';
import type { StoreWrites } from './store-writes';

const TICK_MS = 1000;
const CHECKPOINT_EVERY_TICKS = 30;

export interface HousekeepingDeps {
  clock: Clock;
  /** Moves the WAL into the database file (off the enforcement path, so here). */
  checkpoint(): void;
  day: DayCycle;
  watchdog: FeedWatchdog;
  pipeline: EventPipeline;
  /** The writes the store refused, retried on every tick. */
  writes: Pick<StoreWrites, 'retry' | 'attempt'>;
  logger: Logger;
  /** Something on screen changed (the clock at least). */
  changed(): void;
}

export class Housekeeping {
  private timer: TimerHandle | null = null;
  private ticks = 0;
  /** A checkpoint the store refused is tried again on every tick until it is done. */
  private checkpointOwed = false;
  private stopped = false;
  /** The error each failing step last logged: a step failing every second is logged once, and when it recovers. */
  private readonly failing = new Map<string, string>();

  constructor(private readonly deps: HousekeepingDeps) {}

  start(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      try {
        this.tick();
      } finally {
        this.start();
      }
    }, TICK_MS);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** Waiting writes, the daily reset and lock ends, the feed watchdog, rules reached by time, and a periodic WAL checkpoint. */
  private tick(): void {
    const { clock, day, watchdog, pipeline, writes } = this.deps;
    const now = clock.now();
    // First: what waits is written before anything this tick decides (a lock's save before its end).
    this.step('writing what the database refused', () => writes.retry());
    this.step('the daily reset and lock ends', () => day.tick(now));
    this.step('the market data watchdog', () => watchdog.check(now, pipeline.holdsPositions()));
    this.step('the rules reached by time', () => pipeline.tick(now));
    if (++this.ticks % CHECKPOINT_EVERY_TICKS === 0 || this.checkpointOwed) {
      this.step('the WAL checkpoint', () => (this.checkpointOwed = !writes.attempt('the WAL checkpoint', () => this.deps.checkpoint())));
    }
    this.step('the snapshot', () => this.deps.changed());
  }

  private step(name: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      const message = (error as Error).message;
      if (this.failing.get(name) !== message) this.deps.logger.error(`housekeeping: ${name} failed (${message}); the tick goes on`);
      this.failing.set(name, message);
      return;
    }
    if (this.failing.delete(name)) this.deps.logger.info(`housekeeping: ${name} works again`);
  }
}
