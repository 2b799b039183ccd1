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

  async function launchApp(extraArgs: string[] = []) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-electron-'));
    const configFile = path.join(dataDir, 'risk-config.yaml');
    fs.writeFileSync(configFile, RULES_YAML);
    const simPort = 18_000 + Math.floor(Math.random() * 1000);
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.', '--data-dir', dataDir, '--config', configFile, '--no-random-walk', '--sim-port', String(simPort), ...extraArgs],
    });
    return { app, sim: new SimulatorControl(`http://127.0.0.1:${simPort}`) };
  }

  test('buying 6 MNQ with max contracts 5 closes the position and shows it', async () => {
    const { app, sim } = await launchApp();
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('connection-state')).toHaveText('Simulator connected');
      await sim.market(CONTRACTS.MNQ, 'buy', 6);
      await expect(window.getByTestId('timeline')).toContainText('Closed MNQ (6 contracts): max contracts');
      expect((await sim.state()).positions).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('a daily-loss lock, the unlock dialog, approval by the (test) elevator, trading allowed again; a denial keeps it locked', async () => {
    const { app, sim } = await launchApp(['--test-elevator']);
    try {
      const window = await app.firstWindow();
      await expect(window.getByTestId('connection-state')).toHaveText('Simulator connected');
      await sim.roundTrip(CONTRACTS.ES, 6000, 5988);
      await expect(window.getByTestId('lockout-banner')).toContainText('Locked by Daily realized loss');
      await sim.answerElevation('deny');
      await window.getByRole('button', { name: 'Admin unlock…' }).click();
      await window.getByTestId('unlock-dialog').getByLabel('Reason').fill('checking the prompt');
      await window.getByRole('button', { name: 'Ask for administrator approval' }).click();
      await expect(window.getByTestId('unlock-result')).toContainText('Still locked');
      await sim.answerElevation('approve');
      await window.getByRole('button', { name: 'Ask for administrator approval' }).click();
      await expect(window.getByTestId('unlock-result')).toContainText('Unlocked.');
      await expect(window.getByTestId('lockout-banner')).toHaveCount(0);
      await sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(window.getByTestId('position-MNQ')).toContainText('+1');
      // Flat again, so quitting asks no confirmation.
      await sim.market(CONTRACTS.MNQ, 'sell', 1);
      await expect(window.getByTestId('positions-empty')).toBeVisible();
    } finally {
      await app.close();
    }
  });
});
