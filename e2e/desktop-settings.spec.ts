/**
 * Settings in the desktop app (see desktop-app.ts for how it runs): saving, refusing and rolling
 * back, and a start that fails on the saved settings keeping Settings reachable.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { freshUserData, type DesktopOptions } from '../tests/electron/harness';
import { seal } from '../tests/electron/stand-in/keyring';
import { startDesktop, test } from './desktop-app';
import { CONTRACTS, screenshotPath } from './warden';

test.describe('settings in the desktop app', () => {
  test('where the OS keyring is only basic_text, a key is refused rather than kept in disguised plain text', async () => {
    const { app, page } = await startDesktop({ safeStorage: { backend: 'basic_text' } });
    try {
      await page.getByRole('button', { name: 'Settings & rules' }).click();
      // The API key's field says where it would be kept (the webhook's field says the same of its URL).
      await expect(
        page.locator('label').filter({ hasText: 'API key' }).getByText('Kept in Electron safeStorage (basic_text)'),
      ).toBeVisible();
      await page.getByLabel('User name').fill('trader');
      await page.getByLabel('API key').fill('the-api-key');
      await page.getByRole('button', { name: 'Save and reconnect' }).click();
      await expect(page.getByRole('status')).toHaveText(
        'settings: this system offers no encrypted storage (Electron safeStorage (basic_text)); the API key is not stored in plain text',
      );
      expect(fs.existsSync(path.join(app.userData, 'api-key.sealed'))).toBe(false);
    } finally {
      await app.close();
    }
  });

  test('saving reconnects on the same simulator port, and breaches after the save still notify', async ({ desktop }) => {
    const { app, sim, page } = desktop;
    await page.getByRole('button', { name: 'Settings & rules' }).click();
    await page.getByLabel('Start Risk Warden when I log in').check();
    await page.getByRole('button', { name: 'Save and reconnect' }).click();
    await expect(page.getByRole('status')).toHaveText('Saved. Risk Warden reconnected with these settings.');
    // Linux has no login items in Electron: an XDG autostart entry starts the app at login.
    const entry = fs.readFileSync(path.join(path.dirname(app.userData), '.config', 'autostart', 'riskwarden.desktop'), 'utf8');
    expect(entry).toMatch(/^Exec=.+$/m);
    await page.screenshot({ path: screenshotPath('desktop-settings'), fullPage: true });
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
    const before = (await app.state()).notifications.length;
    await sim.market(CONTRACTS.MNQ, 'buy', 6);
    await expect(page.getByTestId('timeline')).toContainText('Closed MNQ (6 contracts): max contracts');
    await expect.poll(async () => (await app.state()).notifications.length).toBeGreaterThan(before);
  });

  test('a refused save shows only the reason, not Electron’s IPC wording', async ({ desktop }) => {
    const { page } = desktop;
    await page.getByRole('button', { name: 'Settings & rules' }).click();
    await page.getByLabel('Risk config file').fill('/no/such/risk-config.yaml');
    await page.getByRole('button', { name: 'Save and reconnect' }).click();
    await expect(page.getByRole('status')).toHaveText('settings: configFile "/no/such/risk-config.yaml" does not exist');
  });

  test('new settings that cannot connect are rolled back to the running demo', async ({ desktop }) => {
    const { page } = desktop;
    await page.getByRole('button', { name: 'Settings & rules' }).click();
    await page.getByLabel('Firm').selectOption({ label: 'Other ProjectX firm (custom URLs)' });
    await page.getByLabel('API URL').fill('http://127.0.0.1:9');
    await page.getByLabel('Realtime URL').fill('http://127.0.0.1:9');
    await page.getByLabel('User name').fill('trader');
    await page.getByLabel('API key').fill('a-key');
    await page.getByRole('button', { name: 'Save and reconnect' }).click();
    await expect(page.getByRole('status')).toContainText('the new settings could not connect');
    await expect(page.getByRole('status')).toContainText('the previous settings are back in force');
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
  });
});

/** settings.json and a sealed key as an earlier run would have left them. */
function savedGateway(userData: string, apiUrl: string, keyring = 'login keyring'): void {
  fs.mkdirSync(userData, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'settings.json'),
    JSON.stringify({ firm: 'custom', apiUrl, rtcUrl: apiUrl, username: 'trader', accounts: [], configFile: null, startAtLogin: true }),
  );
  fs.writeFileSync(path.join(userData, 'api-key.sealed'), seal(keyring, 'the-api-key'));
}

test.describe('a start that fails keeps the app up, says why and leaves Settings reachable', () => {
  const cases: { name: string; prepare(userData: string): void; reason: RegExp; options?: DesktopOptions }[] = [
    {
      name: 'the saved gateway is unreachable (start at login before the network)',
      prepare: (dir) => savedGateway(dir, 'http://127.0.0.1:9'),
      reason: /Risk Warden could not start: .*It tries again every 30 s/,
    },
    {
      name: 'the stored key cannot be decrypted',
      prepare: (dir) => savedGateway(dir, 'http://127.0.0.1:9', 'an older keyring'),
      reason: /the stored API key cannot be decrypted .*enter it again in Settings/,
    },
    {
      name: 'settings.json is damaged',
      prepare: (dir) => fs.writeFileSync(path.join(dir, 'settings.json'), '{"firm": '),
      reason: /settings\.json is not valid JSON/,
    },
  ];
  for (const { name, prepare, reason } of cases) {
    test(name, async () => {
      const userData = freshUserData();
      prepare(userData);
      const { app, page } = await startDesktop({ userData }, false);
      try {
        await expect(page.getByRole('alert')).toHaveText(reason);
        await expect(page.getByTestId('connection-state')).toHaveText('Not running');
        const state = await app.state();
        expect(state.errorBoxes).toEqual([]);
        expect(state.tray?.image).toBe('tray-disconnected.png');
        expect(state.tray?.tooltip).toMatch(/could not start/);
        await page.getByRole('button', { name: 'Settings & rules' }).click();
        await expect(page.getByLabel('User name')).toBeVisible();
        await expect(page.getByText('Shown once Risk Warden is running.')).toBeVisible();
        await page.screenshot({ path: screenshotPath(`desktop-failed-start-${cases.findIndex((c) => c.name === name)}`), fullPage: true });
        // Back to demo mode: no user name, no key.
        await page.getByLabel('Firm').selectOption({ index: 0 });
        await page.getByLabel('User name').fill('');
        await page.getByRole('button', { name: 'Save and reconnect' }).click();
        await expect(page.getByRole('status')).toHaveText('Saved. Risk Warden reconnected with these settings.');
        await page.getByRole('button', { name: 'Dashboard' }).click();
        await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
        expect(app.running).toBe(true);
      } finally {
        await app.close();
      }
    });
  }

  test('when the new and the previous settings both fail, it says so and keeps retrying', async () => {
    const userData = freshUserData();
    savedGateway(userData, 'http://127.0.0.1:9');
    const { app, page } = await startDesktop({ userData }, false);
    try {
      await page.getByRole('button', { name: 'Settings & rules' }).click();
      await page.getByLabel('API URL').fill('http://127.0.0.1:7');
      await page.getByRole('button', { name: 'Save and reconnect' }).click();
      await expect(page.getByRole('status')).toContainText('the new settings could not connect');
      await expect(page.getByRole('status')).toContainText('the previous settings are back but cannot connect either');
      expect(JSON.parse(fs.readFileSync(path.join(userData, 'settings.json'), 'utf8')).apiUrl).toBe('http://127.0.0.1:9');
      expect(app.running).toBe(true);
    } finally {
      await app.close();
    }
  });
});
