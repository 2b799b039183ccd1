import fs from 'node:fs';
import path from 'node:path';
import { expect, screenshotPath, test } from './warden';

test('the settings tab shows the connection (read-only on the web host) and the rules in force, with a refused edit', async ({
  page,
  warden,
}) => {
  await page.goto(warden.dashboardUrl);
  await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
  fs.writeFileSync(path.join(warden.dataDir, 'risk-config.yaml'), 'rules:\n  max_contracts:\n    limit: 0\n');
  await expect(page.getByRole('alert').filter({ hasText: 'rules.max_contracts.limit' })).toBeVisible();

  await page.getByRole('button', { name: 'Settings & rules' }).click();
  await expect(page.getByLabel('Firm')).toHaveValue('simulator');
  await expect(page.getByLabel('Firm')).toBeDisabled();
  await expect(
    page.getByText('Risk Warden was started with these on its command line and the RW_API_KEY environment variable'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save and reconnect' })).toHaveCount(0);
  const effective = page.getByTestId('effective-config');
  await expect(effective).toContainText('max_contracts:');
  await expect(effective).toContainText('limit: 5');
  const refusal = page.getByTestId('config-error');
  await expect(refusal).toContainText('Config edit refused');
  await expect(refusal).toContainText(/rules\.max_contracts\.limit must be at least 1, got 0/);
  await page.screenshot({ path: screenshotPath('settings-web-host'), fullPage: true });

  // Keyboard only: the view tabs are buttons in the tab order.
  await page.getByRole('button', { name: 'Settings & rules' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Dashboard' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rule-RULE-001')).toBeVisible();
});

test('the dashboard reads in dark mode too', async ({ page, warden }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(warden.dashboardUrl);
  await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
  const background = await page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
  expect(background).toBe('rgb(15, 20, 25)');
  await page.screenshot({ path: screenshotPath('dashboard-ok-dark'), fullPage: true });
});
