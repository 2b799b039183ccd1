/** The service's once-a-second tick: what happens by the clock rather than by an event. */
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
  /** Something on screen changed (the clock at least). */
  changed(): void;
}

export class Housekeeping {
  private timer: TimerHandle | null = null;
  private ticks = 0;
  private stopped = false;

  constructor(private readonly deps: HousekeepingDeps) {}

  start(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.tick();
      this.start();
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
    day.tick(now);
    watchdog.check(now, pipeline.holdsPositions());
    pipeline.tick(now);
    if (++this.ticks % CHECKPOINT_EVERY_TICKS === 0) checkpoint(db);
    this.deps.changed();
  }
}
