import type { Snapshot } from '../../../shared/contract';
import './ConfigNotice.css';

/** The first line of a refusal when main sent no summary, cut to a line's length. */
function firstLine(error: string): string {
  const line = error.split('\n')[0] ?? error;
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** A refused config edit: one short line, the whole refusal behind "Details". */
export function ConfigRefusal({ error, errorSummary, testId }: { error: string; errorSummary: string | null; testId: string }) {
  return (
    <div className="notice notice-bad rw-refusal" role="alert" data-testid={testId}>
      <p className="rw-refusal-line">
        <strong>Config edit refused</strong> — the previous config stays in force: <span>{errorSummary ?? firstLine(error)}</span>
      </p>
      <details className="rw-refusal-details">
        <summary>Details</summary>
        <pre>{error}</pre>
      </details>
    </div>
  );
}

/** A refused config edit, and loosenings waiting for the daily reset; shown on every page. */
export function ConfigNotice({ config }: { config: Snapshot['config'] }) {
  return (
    <>
      {config.error && <ConfigRefusal error={config.error} errorSummary={config.errorSummary} testId="config-error" />}
      {config.pendingAtReset.length > 0 && (
        <p className="notice notice-info" data-testid="config-pending">
          <strong>Waiting for the daily reset:</strong> {config.pendingAtReset.join('; ')}
        </p>
      )}
    </>
  );
}
