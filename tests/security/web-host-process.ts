/**
 * The web host over the real service in demo mode (simulator in-process, max_contracts 5), in a
 * process of its own (with --test-clock's route) so that a probe which ends it shows as an exit. Talks to the test over IPC:
 * sends { ready }, forwards warnings and errors as { log }, answers 'memory' with { memory }.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ShiftableClock } from '../../src/main/schedule/shiftable-clock';
import { launch } from '../../src/main/service/launch';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { startWebHost } from '../../src/main/web/web-host';

const send = (message: unknown) => process.send?.(message);
const forward = (level: string) => (message: string) => send({ log: { level, message } });
const logger = { debug() {}, info() {}, warn: forward('warn'), error: forward('error') };

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-security-'));
const configFile = path.join(dataDir, 'risk-config.yaml');
fs.writeFileSync(configFile, 'rules:\n  max_contracts:\n    limit: 5\n    count_type: net\n');
const renderer = path.join(dataDir, 'renderer');
fs.mkdirSync(renderer);
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Risk Warden</title>');
fs.writeFileSync(path.join(renderer, 'app.js'), 'console.log("dashboard");');
fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'outside the renderer folder');
fs.symlinkSync(path.join(dataDir, 'secret.txt'), path.join(renderer, 'linked.txt'));

const launchOptions = { gateway: null, configFile, dataDir, randomWalk: false };
const testClock = new ShiftableClock();
const launched = await launch({ ...launchOptions, clock: testClock });
const maxSockets = Number(process.env.RW_TEST_MAX_SOCKETS) || undefined;
const host = await startWebHost({ service: launched.service, settings: commandLineSettings(launchOptions) }, renderer, 0, logger, {
  testClock,
  ...(maxSockets ? { maxSockets } : {}),
});
send({ ready: { port: host.port, token: host.token, simUrl: launched.simulator!.url } });

process.on('message', (message) => {
  if (message === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    send({ memory: process.memoryUsage() });
  }
  if (message === 'stop') {
    void host
      .close()
      .then(() => launched.stop())
      .then(() => process.exit(0));
  }
});
