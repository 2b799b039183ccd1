/**
 * The kill switch of the desktop app (see desktop-app.ts for how it runs): a tray item and a global
 * keyboard shortcut (Ctrl+Alt+Shift+K; Cmd on macOS), registered once the app is ready and given back on quit.
 */
import { expect } from '@playwright/test';
import { test } from './desktop-app';
import { CONTRACTS } from './warden';

const TRAY_ITEM = 'Kill switch: flatten and lock all accounts';

test.describe('the kill switch on the desktop', () => {
  test('the tray item flattens and locks until the reset', async ({ desktop }) => {
    const { app, sim, page } = desktop;
    await sim.setPrice(CONTRACTS.MNQ, 21000);
    await sim.market(CONTRACTS.MNQ, 'buy', 2);
    await expect(page.getByTestId('position-MNQ')).toContainText('+2');
    await app.request({ op: 'tray-menu', label: TRAY_ITEM });
    await expect(page.getByTestId('lockout-title')).toHaveText('by Kill switch');
    await expect.poll(async () => (await sim.state()).positions).toEqual([]);
    await expect.poll(async () => (await app.state()).tray?.image).toBe('tray-locked.png');
  });
});

test.describe('the kill switch shortcut', () => {
  // Quitting with a locked account asks first: the trader answers "Quit and stop enforcement".
  test.use({ desktopOptions: { dialogAnswers: [1] } });

  test('does the same from anywhere, and is given back on quit', async ({ desktop }) => {
    const { app, sim, page } = desktop;
    expect((await app.state()).shortcuts).toEqual(['Alt+Control+Shift+K']);
    await sim.setPrice(CONTRACTS.MNQ, 21000);
    await sim.market(CONTRACTS.MNQ, 'buy', 1);
    await expect(page.getByTestId('position-MNQ')).toContainText('+1');
    expect(await app.request({ op: 'shortcut', keys: 'Ctrl+Alt+Shift+K' })).toBe(true);
    await expect(page.getByTestId('lockout-title')).toHaveText('by Kill switch');
    await expect.poll(async () => (await sim.state()).positions).toEqual([]);

    await app.request({ op: 'app-quit' });
    expect(await app.exited).toBe(0);
    expect(app.lastState?.shortcuts).toEqual([]);
  });
});
