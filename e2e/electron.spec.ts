/**
 * The same violation flow inside the Electron app. Runs where the Electron runtime is installed;
 * elsewhere it is skipped with the reason (its download is not reachable from every machine), and
 * the flow is covered through the web host by violation-flow.spec.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from '@playwright/test';
import { ELECTRON_SKIP_REASON, electronBinary } from './electron-binary';
import { CONTRACTS, expect, RULES_YAML, SimulatorControl, test } from './warden';

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(binary === null, ELECTRON_SKIP_REASON);

  test('buying 6 MNQ with max contracts 5 closes the position and shows it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-electron-'));
    const configFile = path.join(dataDir, 'risk-config.yaml');
    fs.writeFileSync(configFile, RULES_YAML);
    const simPort = 18_000 + Math.floor(Math.random() * 1000);
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--data-dir', dataDir, '--config', configFile, '--no-random-walk', '--sim-port', String(simPort)] });
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('connection-state')).toHaveText('Live');
      const sim = new SimulatorControl(`http://127.0.0.1:${simPort}`);
      await sim.market(CONTRACTS.MNQ, 'buy', 6);
      await expect(window.getByTestId('timeline')).toContainText('Closed MNQ position');
      expect((await sim.state()).positions).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
