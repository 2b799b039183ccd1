/** Risk Warden in a child process against a simulator of the test's, to be killed with SIGKILL mid-day and started again. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Snapshot } from '../../src/shared/contract';
import type { Simulator } from '../../src/main/sim/simulator';

export interface Warden {
  child: ChildProcess;
  status(): Promise<Snapshot>;
}

/** Starts service-process.ts on `dataDir` with `configYaml` as its risk-config.yaml; resolves once it enforces. */
export async function startWarden(sim: Simulator, dataDir: string, configYaml: string): Promise<Warden> {
  const configFile = path.join(dataDir, 'risk-config.yaml');
  fs.writeFileSync(configFile, configYaml);
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/service-process.ts', sim.url, dataDir, configFile], {
    env: { ...process.env, RW_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /READY (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`Risk Warden exited with ${code}: ${output}`)));
  });
  return { child, status: async () => (await (await fetch(url)).json()) as Snapshot };
}

/** kill -9: nothing of the process gets to run, no shutdown, no last write. */
export function crash(warden: Warden): Promise<void> {
  if (warden.child.exitCode !== null || warden.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    warden.child.once('exit', () => resolve());
    warden.child.kill('SIGKILL');
  });
}
