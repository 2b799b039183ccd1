/**
 * The eight checkpoints of a healthy start and first enforcement, logged once each, so a
 * stalled start says where it stalled (npm run smoke prints the last one reached).
 */
import { createLogger } from '../log';

export const CHECKPOINTS = [
  'service start',
  'config loaded',
  'gateway connected',
  'rules initialised',
  'event loop running',
  'event received',
  'rule evaluated',
  'enforcement triggered',
] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

const logger = createLogger('checkpoint');

export class Checkpoints {
  private readonly reachedAt = new Map<Checkpoint, number>();
  private readonly listeners = new Set<(checkpoint: Checkpoint) => void>();

  reach(checkpoint: Checkpoint): void {
    if (this.reachedAt.has(checkpoint)) return;
    this.reachedAt.set(checkpoint, Date.now());
    logger.info(`${CHECKPOINTS.indexOf(checkpoint) + 1}/8 ${checkpoint}`);
    for (const listener of this.listeners) listener(checkpoint);
  }

  reached(): Checkpoint[] {
    return CHECKPOINTS.filter((c) => this.reachedAt.has(c));
  }

  /** The furthest checkpoint reached in order, or null before the first. */
  last(): Checkpoint | null {
    return this.reached().at(-1) ?? null;
  }

  onReach(listener: (checkpoint: Checkpoint) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
