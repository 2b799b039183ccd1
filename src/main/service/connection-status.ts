/** The gateway connection as the dashboard shows it; every change goes to the timeline and re-judges the accounts. */
import type { ConnectionState, Snapshot } from '../../shared/contract';
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

export class ConnectionStatus {
  private status: Snapshot['connection'];

  constructor(private readonly deps: ConnectionStatusDeps) {
    this.status = { state: 'connecting', detail: null, since: new Date(deps.clock.now()).toISOString() };
  }

  get current(): Snapshot['connection'] {
    return this.status;
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
    this.status = { state, detail, since: new Date(this.deps.clock.now()).toISOString() };
    this.deps.journal.add('connection', null, `Gateway ${state}`, detail);
    if (state === 'failed' || state === 'loggedOut') this.deps.logger.error(`gateway ${state}: ${detail ?? ''}`);
    this.deps.onChange();
  }
}
