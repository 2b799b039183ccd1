/**
 * The desktop app as a trader installs it: the built main process, preload and renderer, run
 * through the Electron stand-in (tests/electron/) where the Electron runtime cannot be downloaded.
 * The service, store, engine and simulator are real; only Electron's runtime is faked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { DesktopApp, freshUserData, type DesktopOptions } from '../tests/electron/harness';
import { seal } from '../tests/electron/stand-in/keyring';
import { CONTRACTS, screenshotPath, SimulatorControl } from './warden';

const ACCOUNT_NAME = 'PRAC-V2-RW-DEMO-50K';
const QUIT_ANYWAY = 1;
const KEEP_RUNNING = 0;

interface Desktop {
  app: DesktopApp;
  sim: SimulatorControl;
  page: Page;
}

let nextSimPort = 19_100 + Math.floor(Math.random() * 400);

/** Demo mode on a known simulator port, prices still, the built-in rules (max 5 contracts, daily loss −$500). */
async function startDesktop(options: DesktopOptions = {}, waitLive = true): Promise<Desktop> {
  const simPort = nextSimPort++;
  const app = DesktopApp.launch({ ...options, args: ['--no-random-walk', '--sim-port', String(simPort), ...(options.args ?? [])] });
  const page = await app.window();
  if (waitLive) await expect(page.getByTestId('connection-state')).toHaveText('Live');
  return { app, sim: new SimulatorControl(`http://127.0.0.1:${simPort}`), page };
}

const test = base.extend<{ desktop: Desktop; desktopOptions: DesktopOptions }>({
  desktopOptions: [{}, { option: true }],
  desktop: async ({ desktopOptions }, use) => {
    const desktop = await startDesktop(desktopOptions);
    await use(desktop);
    const state = desktop.app.running ? await desktop.app.state() : null;
    await desktop.app.close();
    // Whatever a test did, neither the renderer nor main may have thrown.
    expect(desktop.app.pageErrors, 'renderer errors').toEqual([]);
    expect(state?.mainErrors ?? [], 'main-process errors').toEqual([]);
  },
});

const lifecycle = async (app: DesktopApp) => (await app.state()).lifecycle;
const databaseOf = (app: DesktopApp) => path.join(app.userData, 'demo', 'riskwarden.db');

test.describe('starting the desktop app', () => {
  test('opens an isolated, sandboxed window whose renderer shows the live demo account', async ({ desktop }) => {
    const { app, page } = desktop;
    const [mainWindow] = (await app.state()).windows;
    expect(mainWindow?.visible).toBe(true);
    const prefs = mainWindow?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(fs.existsSync(String(prefs.preload))).toBe(true);
    await expect(page.getByTestId(`account-7001`)).toContainText(ACCOUNT_NAME);
    // The page sees only the bridge the preload exposed, and cannot change it.
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { riskApi?: object }).riskApi ?? {}).sort())).toEqual([
      'call',
      'on',
    ]);
    expect(await page.evaluate(() => Object.isFrozen((globalThis as unknown as { riskApi?: object }).riskApi))).toBe(true);
    await page.screenshot({ path: screenshotPath('desktop-dashboard'), fullPage: true });
  });

  test('leaves Chromium switches on its command line to Chromium', async () => {
    const { app, page } = await startDesktop({ args: ['--no-sandbox', '--password-store=basic', '--enable-logging'] });
    try {
      await expect(page.getByTestId('account-7001')).toBeVisible();
      expect(app.log.join('\n')).toContain(
        'left to Chromium (not Risk Warden options): --no-sandbox --password-store=basic --enable-logging',
      );
    } finally {
      await app.close();
    }
  });

  test('a second start shows the running window and ends itself', async ({ desktop }) => {
    const [mainWindow] = (await desktop.app.state()).windows;
    await desktop.app.request({ op: 'close-window', windowId: mainWindow!.id });
    await expect.poll(async () => (await desktop.app.state()).windows.map((w) => w.visible)).toEqual([false]);
    const second = DesktopApp.launch({ userData: desktop.app.userData });
    expect(await second.exited).toBe(0);
    await second.close();
    await expect.poll(async () => (await desktop.app.state()).windows.map((w) => w.visible)).toEqual([true]);
    expect(await lifecycle(desktop.app)).not.toContain('app.quit()');
  });
});

test.describe('enforcing from the desktop app', () => {
  test.use({ desktopOptions: { args: ['--test-elevator'] } });

  test('buying 6 MNQ with max contracts 5 closes the position, shows it and notifies', async ({ desktop }) => {
    const { app, sim, page } = desktop;
    await sim.market(CONTRACTS.MNQ, 'buy', 6);
    await expect(page.getByTestId('timeline')).toContainText('Closed MNQ position');
    await expect.poll(async () => (await sim.state()).positions).toEqual([]);
    await expect.poll(async () => (await app.state()).notifications.map((n) => n.title).join(' | ')).toContain('max_contracts');
  });

  test('a daily-loss lock turns the tray red, notifies, and only an approved admin unlock lifts it', async ({ desktop }) => {
    const { app, sim, page } = desktop;
    await sim.roundTrip(CONTRACTS.ES, 6000, 5988);
    const banner = page.getByTestId('lockout-banner');
    await expect(banner).toBeVisible();
    await expect.poll(async () => (await app.state()).tray?.image).toBe('tray-locked.png');
    const tray = (await app.state()).tray!;
    expect(tray.tooltip).toContain('LOCKED');
    expect(tray.menu.map((item) => item.label)).toEqual(expect.arrayContaining(['Show dashboard', 'Quit Risk Warden…']));
    await expect.poll(async () => (await app.state()).notifications.length).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('desktop-lock-banner'), fullPage: true });
    // Quitting now would stop keeping the locked account flat: it asks, and dismissing keeps it running.
    await app.request({ op: 'app-quit' });
    expect((await app.state()).dialogs.at(-1)?.detail).toContain(`${ACCOUNT_NAME} is locked`);
    expect(app.running).toBe(true);

    await sim.answerElevation('deny');
    await page.getByRole('button', { name: 'Admin unlock…' }).click();
    await page.getByTestId('unlock-dialog').getByLabel('Reason').fill('checking the prompt');
    await page.screenshot({ path: screenshotPath('desktop-unlock-dialog'), fullPage: true });
    await page.getByRole('button', { name: 'Ask for administrator approval' }).click();
    await expect(page.getByTestId('unlock-result')).toContainText('Still locked');
    await sim.answerElevation('approve');
    await page.getByRole('button', { name: 'Ask for administrator approval' }).click();
    await expect(page.getByTestId('unlock-result')).toContainText('Unlocked.');
    await expect(banner).toHaveCount(0);
    await expect.poll(async () => (await app.state()).tray?.image).not.toBe('tray-locked.png');
  });
});

test.describe('quitting', () => {
  test('closing the window hides it; enforcement keeps running and the tray shows it again', async ({ desktop }) => {
    const { app, sim, page } = desktop;
    const [mainWindow] = (await app.state()).windows;
    await app.request({ op: 'close-window', windowId: mainWindow!.id });
    await expect.poll(async () => (await app.state()).windows.map((w) => w.visible)).toEqual([false]);
    await sim.market(CONTRACTS.MNQ, 'buy', 6);
    await expect.poll(async () => (await sim.state()).positions).toEqual([]);
    await app.request({ op: 'tray-menu', label: 'Show dashboard' });
    await expect.poll(async () => (await app.state()).windows.map((w) => w.visible)).toEqual([true]);
    await expect(page.getByTestId('timeline')).toContainText('Closed MNQ position');
  });

  test('the tray Quit with nothing open ends the process and closes the store cleanly', async ({ desktop }) => {
    const { app } = desktop;
    await app.request({ op: 'tray-menu', label: 'Quit Risk Warden…' });
    expect(await app.exited).toBe(0);
    expect(app.lastState?.dialogs, 'nothing open, nothing to ask').toEqual([]);
    expect(fs.existsSync(databaseOf(app))).toBe(true);
    expect(fs.existsSync(`${databaseOf(app)}-wal`), 'the WAL is checkpointed and removed on a clean close').toBe(false);
  });

  test('app.quit() from the app menu, Cmd+Q or the Dock ends the process too', async ({ desktop }) => {
    const { app } = desktop;
    await app.request({ op: 'app-quit' });
    expect(await app.exited).toBe(0);
    expect(fs.existsSync(`${databaseOf(app)}-wal`)).toBe(false);
  });

  test('with a position open, every quit asks first; keeping it running keeps the window, and the next quit asks again', async () => {
    const { app, sim, page } = await startDesktop({ dialogAnswers: [KEEP_RUNNING, KEEP_RUNNING, QUIT_ANYWAY] });
    try {
      await sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(page.getByTestId('position-MNQ')).toContainText('+1');
      await app.request({ op: 'app-quit' });
      let state = await app.state();
      expect(state.dialogs.at(-1)?.detail).toContain('1 position is open');
      expect(state.windows).toHaveLength(1);
      expect(app.running).toBe(true);

      // After a refused quit, the window's close button still only hides it.
      await app.request({ op: 'close-window', windowId: state.windows[0]!.id });
      await expect.poll(async () => (await app.state()).windows.map((w) => w.visible)).toEqual([false]);
      await app.request({ op: 'tray-menu', label: 'Quit Risk Warden…' });
      state = await app.state();
      expect(state.dialogs).toHaveLength(2);
      expect(app.running).toBe(true);

      await app.request({ op: 'app-quit' });
      expect(await app.exited).toBe(0);
      expect(state.lifecycle).toContain('before-quit (prevented)');
      expect(app.lastState?.dialogs.map((d) => d.answer)).toEqual([KEEP_RUNNING, KEEP_RUNNING, QUIT_ANYWAY]);
    } finally {
      await app.close();
    }
  });
});

test.describe('the session ending', () => {
  test('a system shutdown quits without asking and closes the store, even with a position open', async () => {
    const { app, sim, page } = await startDesktop();
    try {
      await sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(page.getByTestId('position-MNQ')).toContainText('+1');
      await app.request({ op: 'shutdown' });
      expect(await app.exited).toBe(0);
      expect(fs.existsSync(`${databaseOf(app)}-wal`)).toBe(false);
    } finally {
      await app.close();
    }
  });

  test('a Windows logoff closes the store before the OS ends the process', async ({ desktop }) => {
    const { app } = desktop;
    expect(fs.existsSync(`${databaseOf(app)}-wal`)).toBe(true);
    const [mainWindow] = (await app.state()).windows;
    await app.request({ op: 'session-end', windowId: mainWindow!.id });
    expect(fs.existsSync(`${databaseOf(app)}-wal`), 'closed synchronously in the handler').toBe(false);
  });
});

test.describe('settings in the desktop app', () => {
  test('where the OS keyring is only basic_text, a key is refused rather than kept in disguised plain text', async () => {
    const { app, page } = await startDesktop({ safeStorage: { backend: 'basic_text' } });
    try {
      await page.getByRole('button', { name: 'Settings & rules' }).click();
      await expect(page.getByText('Kept in Electron safeStorage (basic_text)')).toBeVisible();
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
    await expect(page.getByTestId('connection-state')).toHaveText('Live');
    const before = (await app.state()).notifications.length;
    await sim.market(CONTRACTS.MNQ, 'buy', 6);
    await expect(page.getByTestId('timeline')).toContainText('Closed MNQ position');
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
    await expect(page.getByTestId('connection-state')).toHaveText('Live');
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
        await expect(page.getByTestId('connection-state')).toHaveText('Live');
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
