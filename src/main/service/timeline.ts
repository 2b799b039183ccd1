/** The event timeline the dashboard shows: newest last, bounded so a long day cannot grow memory. */
import type { TimelineEntry, TimelineKind, Tone } from '../../shared/contract';
import type { Clock } from '../schedule/clock';
import type { Journal } from '../enforcement/journal';

/** The colour an entry takes unless its writer says otherwise (an unlock denied is bad news). */
const TONE_OF: Record<TimelineKind, Tone> = {
  connection: 'info',
  fill: 'info',
  breach: 'bad',
  enforcement: 'warn',
  automation: 'info',
  lockout: 'bad',
  unlock: 'good',
  reset: 'good',
  config: 'info',
  error: 'bad',
};

export class Timeline implements Journal {
  private entries: TimelineEntry[] = [];
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    private readonly onChange: () => void,
    private readonly capacity = 500,
  ) {}

  add(kind: TimelineKind, accountId: number | null, title: string, detail: string | null, tone: Tone = TONE_OF[kind]): void {
    this.entries.push({ id: this.nextId++, at: new Date(this.clock.now()).toISOString(), kind, tone, accountId, title, detail });
    if (this.entries.length > this.capacity) this.entries = this.entries.slice(-this.capacity);
    this.onChange();
  }

  latest(count: number): TimelineEntry[] {
    return this.entries.slice(-count);
  }
}
