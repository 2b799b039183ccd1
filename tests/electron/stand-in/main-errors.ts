/** What main throws and nobody catches is recorded and reported to the harness; the process stays up. */
import { report, record } from './context';

export function recordMainErrors(): void {
  // Electron shows "A JavaScript error occurred in the main process" and keeps running.
  process.on('uncaughtException', (error) => {
    record.mainErrors.push(error.stack ?? String(error));
    report({ kind: 'main-error', message: error.stack ?? String(error) });
  });
  process.on('unhandledRejection', (reason) => {
    record.mainErrors.push(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
    report({ kind: 'main-error', message: String(reason) });
  });
}
