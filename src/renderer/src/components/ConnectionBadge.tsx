import type { Snapshot } from '../../../shared/contract';
import type { TransportState } from '../api';

const LABELS: Record<Snapshot['connection']['state'], string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  stale: 'Data stale',
  loggedOut: 'Logged out',
  failed: 'Connection failed',
};

const TONES: Record<Snapshot['connection']['state'], string> = {
  connecting: 'badge-warn',
  live: 'badge-ok',
  reconnecting: 'badge-warn',
  stale: 'badge-bad',
  loggedOut: 'badge-bad',
  failed: 'badge-bad',
};

/**
 * The link to the broker. In demo mode a live link is to the built-in simulator and says so: "Live"
 * beside "DEMO" read as a contradiction. `notRunning`: main answered that it has no service (a failed
 * start it retries), with its reason.
 */
export function ConnectionBadge({
  connection,
  mode,
  transport,
  notRunning,
}: {
  connection: Snapshot['connection'] | null;
  mode: Snapshot['mode'] | null;
  transport: TransportState;
  notRunning: string | null;
}) {
  if (transport !== 'open') {
    return (
      <span className="badge badge-bad" data-testid="connection-state" title="The dashboard lost its link to Risk Warden">
        Dashboard offline
      </span>
    );
  }
  if (!connection && notRunning)
    return (
      <span className="badge badge-bad" data-testid="connection-state" title={notRunning}>
        Not running
      </span>
    );
  if (!connection)
    return (
      <span className="badge" data-testid="connection-state">
        Connecting
      </span>
    );
  const label = mode === 'demo' && connection.state === 'live' ? 'Simulator connected' : LABELS[connection.state];
  return (
    <span className={`badge ${TONES[connection.state]}`} data-testid="connection-state" title={connection.detail ?? undefined}>
      {label}
    </span>
  );
}
