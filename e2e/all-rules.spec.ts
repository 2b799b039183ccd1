import fs from 'node:fs';
import { expect, screenshotPath, startWarden, stopWarden, test } from './warden';

test('with every rule armed, the dashboard shows all twenty with their value and limit', async ({ page }) => {
  const warden = await startWarden(fs.readFileSync('config/risk-config.all-rules.yaml', 'utf8'));
  try {
    await page.goto(warden.dashboardUrl);
    await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
    const rules = page.locator('[data-testid^="rule-RULE-"]');
    await expect(rules).toHaveCount(20);
    await expect(page.getByTestId('rule-RULE-003')).toContainText('of -$500.00');
    await expect(page.getByTestId('rule-RULE-001')).toContainText('0 of 5');
    await page.screenshot({ path: screenshotPath('dashboard-all-rules'), fullPage: true });
  } finally {
    await stopWarden(warden);
  }
});
