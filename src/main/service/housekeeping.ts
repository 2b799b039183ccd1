/**
 * The service's once-a-second tick: what happens by the clock rather than by an event. Each step
 * is guarded on its own: a step that throws (a damaged database under a read or a write) is logged
 * and the others run, and the tick goes on every second — nothing here can end the process.
 */
import type { Logger } from '../log';
import type { Clock, TimerHandle } from '../schedule/clock';
import { checkpoint, type Db } from '../store/database';
import type { DayCycle } from './day-cycle';
import type { EventPipeline } from './event-pipeline';
import type { FeedWatchdog } from './feed-watchdog';

const TICK_MS = 1000;
const CHECKPOINT_EVERY_TICKS = 30;

export interface HousekeepingDeps {
  clock: Clock;
  db: Db;
  day: DayCycle;
  watchdog: FeedWatchdog;
  pipeline: EventPipeline;
  logger: Logger;
  /** Something on screen changed (the clock at least). */
  changed(): void;
}

export class Housekeeping {
  private timer: TimerHandle | null = null;
  private ticks = 0;
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

  /** The daily reset and lock ends, the feed watchdog, rules reached by time, and a periodic WAL checkpoint. */
  private tick(): void {
    const { clock, day, watchdog, pipeline, db } = this.deps;
    const now = clock.now();
    this.step('the daily reset and lock ends', () => day.tick(now));
    this.step('the market data watchdog', () => watchdog.check(now, pipeline.holdsPositions()));
    this.step('the rules reached by time', () => pipeline.tick(now));
    if (++this.ticks % CHECKPOINT_EVERY_TICKS === 0) this.step('the WAL checkpoint', () => checkpoint(db));
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
