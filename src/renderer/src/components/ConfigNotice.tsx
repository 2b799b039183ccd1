import type { Snapshot } from '../../../shared/contract';

/** A refused config edit, and loosenings waiting for the daily reset. */
export function ConfigNotice({ config }: { config: Snapshot['config'] }) {
  return (
    <>
      {config.error && (
        <p className="notice notice-bad" role="alert" data-testid="config-error">
          <strong>Config change refused</strong> — the previous config stays in force. {config.error}
        </p>
      )}
      {config.pendingAtReset.length > 0 && (
        <p className="notice notice-info" data-testid="config-pending">
          <strong>Pending at reset:</strong> {config.pendingAtReset.join('; ')}. Loosening a limit waits for the next daily reset;
          tightening applies at once.
        </p>
      )}
    </>
  );
}
