export type RuntimeChoice = { runtime: 'electron'; electron: string } | { runtime: 'web'; reason: string };

export interface RuntimeSteps {
  ensureElectron: () => Promise<string>;
  ensureSqliteForElectron: (electron: string) => Promise<unknown>;
  log: (line: string) => void;
}

export function firstLine(error: unknown): string;
export function chooseRuntime(steps: RuntimeSteps): Promise<RuntimeChoice>;
