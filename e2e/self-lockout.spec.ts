/**
 * The trader locks themself out from the dashboard (web host, simulator): the dialog says when the
 * lock ends in the trading timezone and that only an administrator can unlock early; confirming
 * closes the position, the banner counts down, new trades are rejected, and the admin unlock lifts it.
 */
import type { Page } from '@playwright/test';
import { CONTRACTS, expect, RULES_YAML, screenshotPath, startWarden, stopWarden, test } from './warden';

async function openDialog(page: Page) {
  await page.getByTestId('self-lock-open').click();
  const dialog = page.getByTestId('self-lock-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('lock me out', () => {
  test('for 2 hours: says it first, flattens, counts down, rejects new trades; only the admin unlock lifts it', async ({ page }) => {
    const warden = await startWarden(RULES_YAML, { args: ['--test-elevator'] });
    try {
      await page.goto(warden.dashboardUrl);
      await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
      await warden.sim.setPrice(CONTRACTS.MNQ, 21000);
      await warden.sim.market(CONTRACTS.MNQ, 'buy', 2);
      await expect(page.getByTestId('position-MNQ')).toContainText('+2');

      const dialog = await openDialog(page);
      await dialog.getByLabel('a number of hours').check();
      await dialog.getByLabel('Hours (1 to 72)').fill('2');
      await expect(dialog.getByTestId('self-lock-preview')).toContainText('close MNQ (2 long)');
      await expect(dialog).toContainText('Only an administrator can unlock early. Positions will be closed now.');
      const until = (await dialog.getByTestId('self-lock-until').textContent())!;
      expect(until).toMatch(/^(\w{3} \w{3} \d+, )?\d{1,2}:\d{2} [AP]M CT$/);
      await page.screenshot({ path: screenshotPath('self-lock-dialog'), fullPage: true });
      await dialog.getByRole('button', { name: `Lock me out until ${until}` }).click();
      await expect(page.getByTestId('self-lock-result')).toHaveText(`Locked until ${until}; positions closed and orders cancelled.`);
      await dialog.getByRole('button', { name: 'Close' }).click();

      const banner = page.getByTestId('lockout-banner');
      await expect(banner.getByTestId('lockout-title')).toHaveText('by Self-lockout');
      await expect(banner).toContainText(`until ${until}`);
      await expect(banner.getByTestId('lockout-countdown')).toHaveText(/ends in (2h 00m|1h 59m)/);
      await expect.poll(async () => (await warden.sim.state()).positions).toEqual([]);

      await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(page.getByTestId('timeline')).toContainText('Not allowed while the account is locked');
      await expect.poll(async () => (await warden.sim.state()).positions).toEqual([]);

      // No rule to resume or suspend: the unlock dialog just unlocks.
      await page.getByRole('button', { name: 'Admin unlock…' }).click();
      const unlock = page.getByTestId('unlock-dialog');
      await expect(unlock.getByTestId('unlock-lock')).toContainText(`Locked by Self-lockout until ${until}`);
      await expect(unlock.getByTestId('unlock-choices')).toHaveCount(0);
      await unlock.getByLabel('Reason').fill('desk approved');
      await unlock.getByRole('button', { name: 'Ask for administrator approval' }).click();
      await expect(page.getByTestId('unlock-result')).toHaveText('Unlocked. The self-lockout is lifted; every rule stays on.');
      await expect(banner).toHaveCount(0);
    } finally {
      await stopWarden(warden);
    }
  });

  test('the dialog is modal: Tab stays inside, Escape closes it and focus goes back; nothing is locked', async ({ page, warden }) => {
    await page.goto(warden.dashboardUrl);
    await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
    const dialog = await openDialog(page);
    await expect(dialog.getByTestId('self-lock-until')).toHaveText(/5:00 PM CT$/);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      await expect(dialog.locator(':focus')).toHaveCount(1);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('self-lock-open')).toBeFocused();
    await expect(page.getByTestId('lockout-banner')).toHaveCount(0);
  });
});
