/** The snapshots pushed to the dashboards: at most one per 50 ms (≤ 20 Hz), built only when someone listens. */
import type { Snapshot } from '../../shared/contract';
import type { Clock } from '../schedule/clock';
import { Coalescer } from './coalescer';

const PUSH_INTERVAL_MS = 50;

export class SnapshotFeed {
  private readonly listeners = new Set<(snapshot: Snapshot) => void>();
  private readonly push: Coalescer;

  constructor(
    clock: Clock,
    private readonly build: () => Snapshot,
  ) {
    this.push = new Coalescer(clock, PUSH_INTERVAL_MS, () => this.emit());
  }

  /** Something on screen changed: a snapshot goes out once the interval allows. */
  changed(): void {
    this.push.request();
  }

  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.push.cancel();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.build();
    for (const listener of this.listeners) listener(snapshot);
  }
}
