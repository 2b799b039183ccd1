/**
 * Risk Warden as a separate process (for crash tests): the real service against a given gateway,
 * with /status.json served by the real web host. Prints "READY <status url>" once enforcing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/main/log';
import { launch } from '../../src/main/service/launch';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { startWebHost } from '../../src/main/web/web-host';

const [apiUrl, dataDir, configFile] = process.argv.slice(2) as [string, string, string];
const renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-renderer-'));
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Risk Warden</title>');
const launched = await launch({ gateway: { apiUrl, rtcUrl: apiUrl, username: 'crash-test', apiKey: 'key' }, configFile, dataDir });
const host = await startWebHost(
  { service: launched.service, settings: commandLineSettings({ gateway: null, configFile, dataDir }) },
  renderer,
  0,
  createLogger('web'),
);
console.log(`READY http://127.0.0.1:${host.port}/status.json?token=${host.token}`);
