/** Where enforcement says what it did, in a trader's words (the service's timeline). */
import type { TimelineKind, Tone } from '../../shared/contract';

export interface Journal {
  add(kind: TimelineKind, accountId: number | null, title: string, detail: string | null, tone?: Tone): void;
}
