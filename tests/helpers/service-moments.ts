/**
 * Synchronous views into the running service, for tests that must see what it showed at the
 * moment it decided something: every checkpoint call (not only the first of each, which is all
 * the log keeps) and every time it reads its clock. Observation only: both behave as before.
 */
import { Checkpoints, type Checkpoint } from '../../src/main/service/checkpoints';
import { FakeClock } from './fake-clock';

/** Checkpoints that also tell a listener every time one is reached, repeats included. */
export class EveryCheckpoint extends Checkpoints {
  constructor(private readonly listener: (checkpoint: Checkpoint) => void) {
    super();
  }

  override reach(checkpoint: Checkpoint): void {
    this.listener(checkpoint);
    super.reach(checkpoint);
  }
}

/** A fake clock that calls a listener whenever the service reads the time (not while the listener itself runs), and counts those reads. */
export class ObservedClock extends FakeClock {
  private listener: (() => void) | null = null;
  private listening = false;
  /** Reads of the time outside the listener: the service's own, and the test's unless it reads through `quietly`. */
  reads = 0;

  onRead(listener: (() => void) | null): void {
    this.listener = listener;
  }

  /** Runs `look` (e.g. a snapshot the test takes) without counting its reads or calling the listener. */
  quietly<T>(look: () => T): T {
    const was = this.listening;
    this.listening = true;
    try {
      return look();
    } finally {
      this.listening = was;
    }
  }

  override now(): number {
    const time = super.now();
    if (this.listening) return time;
    this.reads++;
    if (this.listener) {
      this.listening = true;
      try {
        this.listener();
      } finally {
        this.listening = false;
      }
    }
    return time;
  }
}
