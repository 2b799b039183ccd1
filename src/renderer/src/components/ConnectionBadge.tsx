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

/** `notRunning`: main answered that it has no service (a failed start it retries), with its reason. */
export function ConnectionBadge({
  connection,
  transport,
  notRunning,
}: {
  connection: Snapshot['connection'] | null;
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
  const tone =
    connection.state === 'live'
      ? 'badge-ok'
      : connection.state === 'connecting' || connection.state === 'reconnecting'
        ? 'badge-warn'
        : 'badge-bad';
  return (
    <span className={`badge ${tone}`} data-testid="connection-state" title={connection.detail ?? undefined}>
      {LABELS[connection.state]}
    </span>
  );
}
