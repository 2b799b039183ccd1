/**
 * Enforcing from the desktop app (see desktop-app.ts for how it runs): a breach closes the
 * position and notifies; a lock turns the tray red and only an approved admin unlock lifts it.
 */
import { expect } from '@playwright/test';
import { ACCOUNT_NAME, test } from './desktop-app';
import { CONTRACTS, screenshotPath } from './warden';

test.describe('enforcing from the desktop app', () => {
  test.use({ desktopOptions: { args: ['--test-elevator'] } });

  test('buying 6 MNQ with max contracts 5 closes the position, shows it and notifies', async ({ desktop }) => {
    const { app, sim, page } = desktop;
    await sim.market(CONTRACTS.MNQ, 'buy', 6);
    await expect(page.getByTestId('timeline')).toContainText('Closed MNQ (6 contracts): max contracts');
    await expect.poll(async () => (await sim.state()).positions).toEqual([]);
    await expect.poll(async () => (await app.state()).notifications.map((n) => n.title).join(' | ')).toContain('Max contracts broken');
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
