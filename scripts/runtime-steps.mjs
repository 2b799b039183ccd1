// The real steps behind scripts/runtime-choice.mjs. Electron 45 fetches its runtime lazily, so after
// `npm ci` node_modules/electron/dist is missing everywhere: the first `npm start` runs Electron's own
// install.js, then fetches better-sqlite3 built for Electron's ABI into its own folder (the Node build
// in node_modules/better-sqlite3 stays for `npm test`). Nothing here runs during `npm ci`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronAbi, electronBinary, electronSqliteBinary, electronVersion } from './electron-binary.mjs';

/** Generous: a ~100 MB zip on a slow line. A closed network fails within seconds (undici's 10 s connect timeout). */
export const ELECTRON_FETCH_TIMEOUT_MS = 600_000;
export const SQLITE_FETCH_TIMEOUT_MS = 120_000;
const HEARTBEAT_MS = 15_000;

/**
 * Runs a command with its output captured (not echoed: a failure is summed up in one line), a
 * "still fetching" line every heartbeatMs, and a time limit after which it is stopped.
 */
export function runChild(command, args, { cwd, env = process.env, timeoutMs, heartbeatMs = HEARTBEAT_MS, log = () => {} }) {
  return new Promise((resolve) => {
    const started = Date.now();
    let output = '';
    let timedOut = false;
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, signal: null, output: String(error), timedOut });
      return;
    }
    const collect = (chunk) => (output += chunk);
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const heartbeat =
      heartbeatMs > 0 ? setInterval(() => log(`  …still fetching (${Math.round((Date.now() - started) / 1000)} s)`), heartbeatMs) : null;
    let forceKill;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      forceKill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    }, timeoutMs);
    const finish = (result) => {
      clearTimeout(timer);
      clearTimeout(forceKill);
      if (heartbeat) clearInterval(heartbeat);
      resolve({ ...result, output, timedOut });
    };
    child.on('error', (error) => finish({ code: null, signal: null, output: (output += String(error)) }));
    child.on('close', (code, signal) => finish({ code, signal }));
  });
}

const seconds = (ms) => `${Math.round(ms / 1000)} s`;

/**
 * ensureElectron for chooseRuntime: the installed executable as is; otherwise runs
 * node_modules/electron/install.js (Electron's own downloader, @electron/get: it honours ELECTRON_MIRROR,
 * the proxy variables and its cache) and accepts the result only when the runtime is complete.
 */
export function electronStep(root, { log, timeoutMs = ELECTRON_FETCH_TIMEOUT_MS, heartbeatMs = HEARTBEAT_MS }) {
  return async () => {
    const installed = electronBinary(root);
    if (installed) return installed;
    const version = electronVersion(root);
    if (version === null) throw new Error('node_modules/electron is not installed; run npm install');
    log(`Fetching the Electron runtime ${version} (first start only)…`);
    const script = path.join(root, 'node_modules', 'electron', 'install.js');
    const result = await runChild(process.execPath, [script], { cwd: root, timeoutMs, heartbeatMs, log });
    if (result.timedOut) throw new Error(`the download did not finish within ${seconds(timeoutMs)} and was stopped`);
    // install.js reports a failed download or extraction with its error's stack and exit code 1.
    if (result.code === null) throw new Error(`install.js was stopped (${result.signal})`);
    if (result.code !== 0)
      throw new Error(result.output.trim() ? downloadReason(errorLine(result.output)) : `install.js exited with code ${result.code}`);
    // It writes path.txt only after the zip is extracted: without it (or without the executable) the
    // runtime is half-installed and is never run.
    const binary = electronBinary(root);
    if (!binary)
      throw new Error('the download ended but node_modules/electron/dist holds no complete runtime (no path.txt or no executable)');
    log(`Electron runtime ${version} installed in node_modules/electron/dist.`);
    return binary;
  };
}

/** prebuild-install logs through npmlog: "prebuild-install warn install getaddrinfo ENOTFOUND github.com". */
export function prebuildReason(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const logged = lines.filter((line) => /^prebuild-install (warn|ERR!|error) /.test(line)).at(-1);
  if (logged) return logged.replace(/^prebuild-install (warn|ERR!|error) (install |setup )?/, '');
  return lines.at(-1) ?? null;
}

/**
 * The thrown error's own line in a Node stack dump: past a source excerpt (an uncaught throw) or a
 * warning printed before it; else the first line.
 */
function errorLine(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /^[A-Za-z]*Error\b/.test(line)) ?? lines[0] ?? 'no output';
}

/** Node's fetch says only "fetch failed" when no connection could be made (install.js prints the stack, not its cause). */
const downloadReason = (line) =>
  line === 'TypeError: fetch failed' ? `${line} (Electron's download host, GitHub or ELECTRON_MIRROR, could not be reached)` : line;

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

/**
 * ensureSqliteForElectron for chooseRuntime: better-sqlite3's addon for Electron's ABI at
 * node_modules/.riskwarden/electron-<abi>/better_sqlite3.node (see src/main/store/database.ts), with
 * source.json naming the better-sqlite3 version it belongs to. Fetched by better-sqlite3's own
 * prebuild-install (`--runtime electron --target <version>`) in a scratch copy of the package, so
 * the Node build in node_modules/better-sqlite3 is never touched; then loaded once in Electron (run
 * as Node) before it is put in place.
 */
export function sqliteForElectronStep(root, { log, timeoutMs = SQLITE_FETCH_TIMEOUT_MS, heartbeatMs = HEARTBEAT_MS, prebuildInstall }) {
  return async (electron) => {
    const version = electronVersion(root);
    const abi = electronAbi(root);
    if (version === null || abi === null) throw new Error('node_modules/electron has no package.json or abi_version; run npm install');
    const sqlitePackage = path.join(root, 'node_modules', 'better-sqlite3', 'package.json');
    const sqliteVersion = readJson(sqlitePackage)?.version;
    if (!sqliteVersion) throw new Error('node_modules/better-sqlite3 is not installed; run npm install');
    const target = electronSqliteBinary(root, abi);
    const stamp = path.join(path.dirname(target), 'source.json');
    if (fs.existsSync(target) && readJson(stamp)?.betterSqlite3 === sqliteVersion) return target;

    log(`Fetching better-sqlite3 ${sqliteVersion} for Electron ${version} (ABI ${abi}, first start only)…`);
    const scratchParent = path.join(root, 'node_modules', '.riskwarden');
    fs.mkdirSync(scratchParent, { recursive: true });
    const scratch = fs.mkdtempSync(path.join(scratchParent, 'fetch-'));
    try {
      fs.copyFileSync(sqlitePackage, path.join(scratch, 'package.json'));
      const script = prebuildInstall ?? createRequire(sqlitePackage).resolve('prebuild-install/bin.js');
      // npm run sets npm_package_* for the project; prebuild-install would read them as the package's origin.
      const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_package_')));
      const args = [script, '--runtime', 'electron', '--target', version, '--arch', process.arch, '--platform', process.platform];
      const fetched = await runChild(process.execPath, args, { cwd: scratch, env, timeoutMs, heartbeatMs, log });
      if (fetched.timedOut) throw new Error(`prebuild-install did not finish within ${seconds(timeoutMs)} and was stopped`);
      if (fetched.code !== 0) throw new Error(`prebuild-install: ${prebuildReason(fetched.output) ?? `exited with code ${fetched.code}`}`);
      const built = path.join(scratch, 'build', 'Release', 'better_sqlite3.node');
      if (!fs.existsSync(built)) throw new Error('prebuild-install finished without build/Release/better_sqlite3.node');

      const loaded = await runChild(electron, ['-e', 'require(process.argv[1])', built], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        timeoutMs: 30_000,
        heartbeatMs: 0,
      });
      if (loaded.code !== 0) throw new Error(`the fetched build does not load in Electron: ${errorLine(loaded.output)}`);

      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(built, target);
      fs.writeFileSync(stamp, `${JSON.stringify({ betterSqlite3: sqliteVersion, electron: version, abi })}\n`);
      log(`better-sqlite3 for Electron is ready (${path.relative(root, target)}).`);
      return target;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  };
}
