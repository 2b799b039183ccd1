/** startup_to_enforcing_ms: a fresh web-host process until it prints its Dashboard line (rules armed, gateway live). */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../src/main/sim/simulator';

export async function startupToEnforcing(runs: number): Promise<number[]> {
  const sim = await startSimulator({ randomWalk: false });
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-start-'));
      const started = performance.now();
      const child = spawn(
        process.execPath,
        ['out/main/web.js', '--api-url', sim.url, '--rtc-url', sim.url, '--username', 'bench', '--data-dir', dataDir],
        {
          env: { ...process.env, RW_API_KEY: 'bench', RW_LOG_LEVEL: 'silent' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await new Promise<void>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
          if (output.includes('Dashboard: ')) {
            samples.push(performance.now() - started);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`web host exited with ${code} before it was ready`)));
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await sim.close();
  }
  return samples;
}
