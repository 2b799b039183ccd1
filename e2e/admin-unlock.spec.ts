import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { CONTRACTS, expect, screenshotPath, startWarden, stopWarden, test, type Warden } from './warden';

const DAILY_LOSS_YAML = `rules:
  daily_realized_loss:
    limit: -500
`;

async function lockedOut(page: Page): Promise<Warden & { process: ChildProcess }> {
  const warden = await startWarden(DAILY_LOSS_YAML, { args: ['--test-elevator'] });
  await page.goto(warden.dashboardUrl);
  await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
  await warden.sim.roundTrip(CONTRACTS.ES, 6000, 5988); // −600 and fees
  await expect(page.getByTestId('lockout-banner')).toContainText('Locked by Daily realized loss');
  return warden;
}

async function askForUnlock(page: Page, reason: string): Promise<void> {
  await page.getByRole('button', { name: 'Admin unlock…' }).click();
  const dialog = page.getByTestId('unlock-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Ask for administrator approval' }).click();
}

async function auditLog(page: Page) {
  await page.getByRole('button', { name: 'Audit log' }).click();
  return page.getByTestId('audit-log');
}

test.describe('a locked account and an administrator', () => {
  test('approved by the OS prompt: unlocked, the trader can trade again, and the audit log has it', async ({ page }) => {
    const warden = await lockedOut(page);
    try {
      await page.getByRole('button', { name: 'Admin unlock…' }).click();
      const dialog = page.getByTestId('unlock-dialog');
      await expect(dialog.getByTestId('unlock-resume-effect')).toContainText(/Daily realized loss locks again at -\$1,1\d\d\.\d\d/);
      await expect(dialog.getByTestId('unlock-suspend-effect')).toContainText(
        /will not lock this account again until (\w{3} \w{3} \d+, )?5:00 PM CT/,
      );
      await dialog.getByLabel('is suspended until the reset').check();
      await dialog.getByLabel('Reason').fill('Risk desk approved one hedge trade');
      await page.screenshot({ path: screenshotPath('unlock-dialog'), fullPage: true });
      await dialog.getByRole('button', { name: 'Ask for administrator approval' }).click();
      await expect(page.getByTestId('unlock-result')).toContainText('Unlocked. Daily realized loss will not lock this account again until');
      await expect(page.getByTestId('rule-RULE-003').getByTestId('rule-override')).toContainText(
        /suspended until (\w{3} \w{3} \d+, )?5:00 PM CT \(admin unlock at /,
      );
      await expect(page.getByTestId('suspended-rule')).toContainText('reason: Risk desk approved one hedge trade');
      await page.getByTestId('unlock-dialog').getByRole('button', { name: 'Close' }).click();
      await expect(page.getByTestId('lockout-banner')).toHaveCount(0);
      await expect(page.getByTestId('timeline')).toContainText('Unlocked by an administrator');

      await warden.sim.setPrice(CONTRACTS.MNQ, 21000);
      await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(page.getByTestId('position-MNQ')).toContainText('+1');
      await expect(page.getByTestId('timeline')).toContainText('Bought 1 MNQ');
      expect((await warden.sim.state()).positions.map((p) => p.contractId)).toEqual([CONTRACTS.MNQ]);
      await expect(page.getByTestId('lockout-banner')).toHaveCount(0);

      const audit = await auditLog(page);
      await expect(audit).toContainText('unlock approved');
      await expect(audit).toContainText('Risk desk approved one hedge trade');
    } finally {
      await stopWarden(warden);
    }
  });

  test('denied by the OS prompt: still locked, new orders still closed, and the audit log has it', async ({ page }) => {
    const warden = await lockedOut(page);
    try {
      await warden.sim.answerElevation('deny');
      await askForUnlock(page, 'I want to win it back');
      await expect(page.getByTestId('unlock-result')).toHaveText(
        'Still locked: the administrator password was not accepted; nothing was unlocked',
      );
      await page.getByTestId('unlock-dialog').getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByTestId('lockout-banner')).toContainText('Locked');

      await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(page.getByTestId('timeline')).toContainText('Not allowed while the account is locked');
      await expect.poll(async () => (await warden.sim.state()).positions).toEqual([]);

      const audit = await auditLog(page);
      await expect(audit).toContainText('unlock denied');
      await expect(audit).toContainText('I want to win it back');
    } finally {
      await stopWarden(warden);
    }
  });

  test('a prompt that ends without proof of elevation is refused, and so is a cancelled one', async ({ page }) => {
    const warden = await lockedOut(page);
    try {
      await warden.sim.answerElevation('no-proof');
      await askForUnlock(page, 'testing the prompt');
      await expect(page.getByTestId('unlock-result')).toHaveText(
        'Still locked: pkexec ended without proof that it ran elevated; nothing was unlocked',
      );
      await warden.sim.answerElevation('cancel');
      await page.getByTestId('unlock-dialog').getByRole('button', { name: 'Ask for administrator approval' }).click();
      await expect(page.getByTestId('unlock-result')).toHaveText('Still locked: the password prompt was dismissed; nothing was unlocked');
      await expect(page.getByTestId('lockout-banner')).toContainText('Locked');
    } finally {
      await stopWarden(warden);
    }
  });
});
