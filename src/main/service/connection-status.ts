/** The gateway connection as the dashboard shows it; every change goes to the timeline and re-judges the accounts. */
import type { ConnectionState, Snapshot, Tone } from '../../shared/contract';
import type { Journal } from '../enforcement/journal';
import type { Logger } from '../log';
import type { Clock } from '../schedule/clock';

export interface ConnectionStatusDeps {
  clock: Clock;
  journal: Journal;
  logger: Logger;
  /** A change can decide a rule (a logged-out session): the accounts are judged again. */
  onChange(): void;
}

/** How the timeline tells each connection state, and its colour. */
const TOLD: Record<ConnectionState, { title: string; tone: Tone }> = {
  connecting: { title: 'Connecting to the broker', tone: 'info' },
  live: { title: 'Connected to the broker', tone: 'good' },
  reconnecting: { title: 'Connection to the broker lost: reconnecting', tone: 'warn' },
  stale: { title: 'Market data stopped: prices are not updating', tone: 'warn' },
  loggedOut: { title: 'Logged out by the broker', tone: 'bad' },
  failed: { title: 'Could not connect to the broker', tone: 'bad' },
};

export class ConnectionStatus {
  private status: Snapshot['connection'];
  private lostAtMs: number | null = null;

  constructor(private readonly deps: ConnectionStatusDeps) {
    this.status = { state: 'connecting', detail: null, since: new Date(deps.clock.now()).toISOString() };
  }

  get current(): Snapshot['connection'] {
    return this.status;
  }

  /** When the connection last stopped being live (epoch ms), null if it never was: quotes from before then predate the gap. */
  get lostAt(): number | null {
    return this.lostAtMs;
  }

  get loggedOut(): boolean {
    return this.status.state === 'loggedOut';
  }

  /** What the gateway reports. A hub that reconnects does not prove quotes flow again; only a quote clears "data stale". */
  report(state: ConnectionState, detail: string | null): void {
    if (this.status.state === 'stale' && state === 'live') return;
    this.set(state, detail);
  }

  set(state: ConnectionState, detail: string | null): void {
    if (state === this.status.state && detail === this.status.detail) return;
    if (this.status.state === 'live' && state !== 'live') this.lostAtMs = this.deps.clock.now();
    this.status = { state, detail, since: new Date(this.deps.clock.now()).toISOString() };
    const { title, tone } = TOLD[state];
    this.deps.journal.add('connection', null, title, detail, tone);
    if (state === 'failed' || state === 'loggedOut') this.deps.logger.error(`gateway ${state}: ${detail ?? ''}`);
    this.deps.onChange();
  }
}
