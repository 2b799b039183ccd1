/**
 * The problems the dashboard shows above everything else (see ProblemSchema): reported by the part
 * that found one, cleared by it when it is over. A report repeated with the same words changes nothing,
 * so a failing write retried every second neither floods the timeline nor resets `since`.
 */
import type { Problem, ProblemKind } from '../../shared/contract';
import type { Clock } from '../schedule/clock';
import type { Journal } from '../enforcement/journal';

export class Problems {
  private readonly byKind = new Map<ProblemKind, Problem>();

  /** The journal is the timeline, whose every entry pushes a snapshot. */
  constructor(private readonly deps: { clock: Clock; journal: Journal }) {}

  report(kind: ProblemKind, title: string, detail: string): void {
    const known = this.byKind.get(kind);
    if (known?.title === title && known.detail === detail) return;
    this.byKind.set(kind, { kind, title, detail, since: known?.since ?? new Date(this.deps.clock.now()).toISOString() });
    this.deps.journal.add('error', null, title, detail);
  }

  clear(kind: ProblemKind, resolution: string): void {
    if (!this.byKind.delete(kind)) return;
    this.deps.journal.add('error', null, resolution, null);
  }

  list(): Problem[] {
    return [...this.byKind.values()];
  }
}
