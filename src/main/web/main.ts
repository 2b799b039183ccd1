/** Entry of the web host (`npm run start:web`, out/main/web.js). */
import { fileURLToPath } from 'node:url';
import { createLogger } from '../log';
import { ShiftableClock } from '../schedule/shiftable-clock';
import { launch } from '../service/launch';
import { parseWebArgs, startFailure } from './cli-args';
import { commandLineSettings } from './command-line-settings';
import { startWebHost } from './web-host';

const logger = createLogger('web');

async function main(): Promise<void> {
  const options = parseWebArgs(process.argv.slice(2), process.env);
  const testClock = options.testClock ? new ShiftableClock() : undefined;
  const launched = await launch({ ...options.launch, ...(testClock ? { clock: testClock } : {}) });
  const host = await startWebHost(
    { service: launched.service, settings: commandLineSettings(options.launch), demo: launched.demo },
    fileURLToPath(new URL('../renderer', import.meta.url)),
    options.port,
    logger,
    testClock ? { testClock } : {},
  );
  if (testClock) console.log(`Test clock: POST ${new URL(host.url).origin}/test/clock?token=${host.token}`);
  if (launched.simulator) console.log(`Simulator: ${launched.simulator.url}`);
  console.log(`Dashboard: ${host.url}`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => launched.stop())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const failure = startFailure(error);
  console.error(failure.text);
  process.exit(failure.exitCode);
});
