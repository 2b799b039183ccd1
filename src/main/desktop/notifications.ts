import type { Snapshot } from '../../shared/contract';
import { StepTracker, stepNotice } from '../../shared/rules';

/** What a desktop notification says. */
export interface DesktopNotice {
  title: string;
  detail: string | null;
}

/** Timeline entries worth a desktop notification (every breach and lock), newer than the last one shown. */
export function notificationsSince(lastShownId: number, snapshot: Snapshot): Snapshot['timeline'] {
  return snapshot.timeline.filter((e) => e.id > lastShownId && (e.kind === 'breach' || e.kind === 'lockout')).sort((a, b) => a.id - b.id);
}

/**
 * Which timeline entries one service's snapshots have not notified yet, and which steps of a rule's
 * warning ladder were just climbed (one notification per step). Entries already in the first
 * snapshot were seen before (restored from the store), steps already reached then too; a new
 * service (after a settings save) numbers its timeline from 1 again, so it starts a new feed.
 */
export class NotificationFeed {
  private shownUpTo: number | null = null;
  private readonly steps = new StepTracker();

  fresh(snapshot: Snapshot): DesktopNotice[] {
    const climbed = this.steps.crossings(snapshot.accounts).map((crossing) => {
      const { title, body } = stepNotice(crossing);
      return { title, detail: body };
    });
    if (this.shownUpTo === null) {
      this.shownUpTo = Math.max(0, ...snapshot.timeline.map((e) => e.id));
      return climbed;
    }
    const entries = notificationsSince(this.shownUpTo, snapshot);
    this.shownUpTo = Math.max(this.shownUpTo, ...entries.map((e) => e.id));
    return [...entries, ...climbed];
  }
}
