import type { Snapshot } from '../../shared/contract';

/** Timeline entries worth a desktop notification (every breach and lock), newer than the last one shown. */
export function notificationsSince(lastShownId: number, snapshot: Snapshot): Snapshot['timeline'] {
  return snapshot.timeline.filter((e) => e.id > lastShownId && (e.kind === 'breach' || e.kind === 'lockout')).sort((a, b) => a.id - b.id);
}
