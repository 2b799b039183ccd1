/**
 * The one global: a scoped logger over electron-log (its Node build, so the web host and tests
 * use the same sink as the Electron app). The console level is `RW_LOG_LEVEL` (default info);
 * the file transport is on only once a data directory is known.
 */
import log from 'electron-log/node';
import path from 'node:path';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

type Level = 'error' | 'warn' | 'info' | 'verbose' | 'debug' | 'silly';
const LEVELS: readonly Level[] = ['error', 'warn', 'info', 'verbose', 'debug', 'silly'];
const envLevel = process.env.RW_LOG_LEVEL;

log.transports.console.level = envLevel === 'silent' ? false : (LEVELS.find((l) => l === envLevel) ?? 'info');
log.transports.file.level = false;

/** `mode`: the data folder's file mode (the store decides it; the logger sits below the store). */
export function logToDirectory(directory: string, mode: number): void {
  log.transports.file.resolvePathFn = () => path.join(directory, 'riskwarden.log');
  // electron-log creates its file 0666 (less the umask), and creates it again after each rotation.
  log.transports.file.writeOptions = { ...log.transports.file.writeOptions, mode };
  log.transports.file.level = 'info';
}

export function createLogger(scope: string): Logger {
  return log.scope(scope);
}
