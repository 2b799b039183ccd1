export const ELECTRON_FETCH_TIMEOUT_MS: number;
export const SQLITE_FETCH_TIMEOUT_MS: number;

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

export function runChild(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; heartbeatMs?: number; log?: (line: string) => void },
): Promise<ChildResult>;

export interface StepOptions {
  log: (line: string) => void;
  timeoutMs?: number;
  heartbeatMs?: number;
}

export function electronStep(root: string, options: StepOptions): () => Promise<string>;
export function prebuildReason(output: string): string | null;
export function sqliteForElectronStep(
  root: string,
  options: StepOptions & { prebuildInstall?: string },
): (electron: string) => Promise<string>;
