/**
 * The desktop app's lifecycle (see desktop-app.ts for how it runs): starting, a second start,
 * closing the window, every way of quitting, and the OS ending the session.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { DesktopApp } from '../tests/electron/harness';
import { ACCOUNT_NAME, startDesktop, test } from './desktop-app';
import { CONTRACTS, screenshotPath } from './warden';

const QUIT_ANYWAY = 1;
const KEEP_RUNNING = 0;

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
    await expect(page.getByTestId('timeline')).toContainText('Closed MNQ (6 contracts): max contracts');
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
