/**
 * The web host as `riskwarden-web` runs it (src/main/web/main.ts), from the same command line and
 * with the same start-failure text and exit code, but serving a stand-in dashboard: main.ts serves
 * the built renderer, which a test run does not build. Prints "Dashboard: <url>" once enforcing;
 * SIGTERM stops it cleanly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/main/log';
import { launch, type Launched } from '../../src/main/service/launch';
import { parseWebArgs, startFailure } from '../../src/main/web/cli-args';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { startWebHost } from '../../src/main/web/web-host';

const renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-renderer-'));
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Risk Warden</title>');

let launched: Launched | null = null;
try {
  const options = parseWebArgs(process.argv.slice(2), process.env);
  launched = await launch(options.launch);
  const running = launched;
  const host = await startWebHost(
    { service: running.service, settings: commandLineSettings(options.launch) },
    renderer,
    options.port,
    createLogger('web'),
  );
  if (running.simulator) console.log(`Simulator: ${running.simulator.url}`);
  console.log(`Dashboard: ${host.url}`);
  process.on('SIGTERM', () => {
    void host
      .close()
      .then(() => running.stop())
      .then(() => process.exit(0));
  });
} catch (error) {
  await launched?.stop();
  const failure = startFailure(error);
  console.error(failure.text);
  process.exit(failure.exitCode);
}
