// `npm start`: builds, then opens the Electron app. Electron 45 fetches its runtime lazily, so the first
// start downloads it (Electron's own install.js) and better-sqlite3 built for Electron's ABI; only if a
// download fails does it serve the same dashboard through the web host in demo mode, saying why.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseRuntime } from './runtime-choice.mjs';
import { electronStep, sqliteForElectronStep } from './runtime-steps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const log = (line) => console.log(line);
const choice = await chooseRuntime({
  ensureElectron: electronStep(root, { log }),
  ensureSqliteForElectron: sqliteForElectronStep(root, { log }),
  log,
});

// ELECTRON_RUN_AS_NODE (set in some editors' terminals) would make Electron run `.` as a Node script.
const electronEnv = { ...process.env };
delete electronEnv.ELECTRON_RUN_AS_NODE;
const child =
  choice.runtime === 'electron'
    ? spawn(choice.electron, ['.', ...args], { cwd: root, stdio: 'inherit', env: electronEnv })
    : spawn(process.execPath, [path.join(root, 'out', 'main', 'web.js'), ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
