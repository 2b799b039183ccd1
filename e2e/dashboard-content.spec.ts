/**
 * What the dashboard's content tells a trader: rule cards that say what locked and what was closed, a
 * "just enforced" banner that stays until dismissed, a chart of what the loss limit counts, a timeline that
 * names accounts and days, and a refused config edit in one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test as base } from '@playwright/test';
import { CONTRACTS, expect, screenshotPath, startWarden, stopWarden, type Warden } from './warden';

const ACCOUNT_NAME = 'PRAC-V2-RW-DEMO-50K';

const CONFIG = `timezone: America/Chicago
daily_reset: '17:00'
rules:
  max_contracts: { limit: 5 }
  daily_realized_loss: { limit: -100 }
  daily_realized_profit: { target: 1000 }
`;

const test = base.extend<{ warden: Warden }>({
  // Playwright requires the fixtures argument to be an object pattern, even an empty one.
  // eslint-disable-next-line no-empty-pattern
  warden: async ({}, use) => {
    const warden = await startWarden(CONFIG);
    await use(warden);
    await stopWarden(warden);
  },
});

async function open(page: Page, warden: Warden): Promise<void> {
  await page.goto(warden.dashboardUrl);
  await expect(page.getByTestId('rule-RULE-001')).toHaveAttribute('data-state', 'ok');
}

async function shots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: screenshotPath(`${name}-${scheme}-1400`), fullPage: true });
    await page.setViewportSize({ width: 480, height: 900 });
    await page.screenshot({ path: screenshotPath(`${name}-${scheme}-480`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1400, height: 900 });
}

test('buying 6 MNQ with max contracts 5: a banner says what was closed and stays until the trader dismisses it', async ({
  page,
  warden,
}) => {
  await open(page, warden);
  await warden.sim.market(CONTRACTS.MNQ, 'buy', 6);

  const banner = page.getByTestId('just-enforced-item');
  await expect(banner).toHaveCount(1);
  await expect(banner).toContainText('MNQ');
  await expect(page.getByTestId('positions-empty')).toBeVisible();
  // The card is back to OK once the position is closed, and says when it last broke.
  const card = page.getByTestId('rule-RULE-001');
  await expect(card).toHaveAttribute('data-state', 'ok');
  await expect(card.getByTestId('rule-last-breach')).toContainText(/Last breach \d{1,2}:\d\d (AM|PM) CT/);

  // New snapshots (a price move, a reload) do not take the banner away.
  await warden.sim.setPrice(CONTRACTS.MES, 6001);
  await page.reload();
  await expect(banner).toHaveCount(1);
  await expect(banner).toContainText('MNQ');

  // The timeline names the account and the day.
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByTestId('timeline-day').first()).toHaveText(/^Today, [A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2}$/);
  await expect(timeline.getByTestId('timeline-account').first()).toHaveText(ACCOUNT_NAME);
  await expect(page.getByText(/^Times in [A-Z]{2,5}$/)).toBeVisible();
  await shots(page, 'h5-dashboard-breach');

  await banner.getByRole('button', { name: /^Dismiss/ }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('rule-RULE-001')).toBeVisible();
  await expect(banner).toHaveCount(0);

  // A newer enforcement shows again.
  await warden.sim.market(CONTRACTS.MNQ, 'buy', 6);
  await expect(banner).toHaveCount(1);
});

test('a daily loss past the limit: the card of the rule that locked says Locked and comes first; the chart plots closed trades', async ({
  page,
  warden,
}) => {
  await open(page, warden);
  const chart = page.getByTestId('pnl-chart');
  await expect(chart.getByTestId('chart-legend')).toContainText('Closed trades (realized, net of fees)');
  await expect(chart.getByTestId('chart-legend')).toContainText('Total P&L (realized + open)');
  await expect(chart.getByTestId('chart-y-axis')).toContainText('$0');
  await expect(chart.locator('text.rw-chart-limit')).toHaveText('Loss limit-$100.00');
  await expect(chart.locator('text.rw-chart-target')).toHaveText('Profit target+$1,000.00');
  await expect(chart.getByTestId('chart-x-axis').locator('text').first()).toHaveText(/^\d{1,2}:\d\d (AM|PM)$/);
  await expect(chart.locator('svg[role="img"] desc')).toContainText('Daily loss limit -$100.00, counting closed trades only.');

  // An open loss of −$40 (a quarter of the limit is $25) is not counted by a realized-only limit: the chart says so.
  await warden.sim.setPrice(CONTRACTS.MNQ, 21000);
  await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
  await warden.sim.setPrice(CONTRACTS.MNQ, 20980);
  await expect(chart.getByTestId('chart-uncounted')).toHaveText(
    'Open loss of -$40.00 is not counted by your daily loss limit until positions close.',
  );

  await warden.sim.market(CONTRACTS.MNQ, 'sell', 1);
  await warden.sim.roundTrip(CONTRACTS.MNQ, 21000, 20950);
  const card = page.getByTestId('rule-RULE-003');
  await expect(card).toHaveAttribute('data-state', 'locked');
  await expect(card.getByTestId('rule-state')).toHaveText('Locked');
  await expect(page.locator('[data-testid^="rule-RULE-"]').first()).toHaveAttribute('data-testid', 'rule-RULE-003');
  // The lock has its own banner; the just-enforced banner keeps to what was closed (nothing was open here).
  await expect(page.getByTestId('lockout-banner')).toBeVisible();
  await expect(page.getByTestId('just-enforced-item')).toHaveCount(0);
  await shots(page, 'h5-dashboard-locked');

  // The audit log: the trading zone's time with the day and the zone, what was done and to which account in words.
  await page.getByRole('button', { name: 'Audit log' }).click();
  const lockRow = page.getByTestId('audit-log').getByRole('row').filter({ hasText: 'Account locked' });
  await expect(lockRow).toContainText(/[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d (AM|PM) CT/);
  await expect(lockRow).toContainText('Risk Warden');
  await expect(lockRow).toContainText(ACCOUNT_NAME);
  await page.screenshot({ path: screenshotPath('h5-audit-light-1400'), fullPage: true });
});

test('a refused config edit is one line with the details behind a disclosure; Settings & rules lists each rule in words', async ({
  page,
  warden,
}) => {
  await open(page, warden);
  fs.writeFileSync(
    path.join(warden.dataDir, 'risk-config.yaml'),
    'rules:\n  max_contracts:\n    limit: 0\n  daily_realized_loss:\n    limit: 50\n  max_contracts_per_instrument:\n    default_limit: -1\n',
  );
  const refusal = page.getByTestId('config-error');
  await expect(refusal).toContainText('Config edit refused');
  const line = refusal.locator('.rw-refusal-line');
  expect((await line.boundingBox())!.height).toBeLessThan(60);
  const details = refusal.locator('details pre');
  await expect(details).toBeHidden();
  await refusal.getByText('Details', { exact: true }).click();
  await expect(details).toBeVisible();
  await expect(details).toContainText('rules.max_contracts.limit');
  await expect(details).toContainText('rules.daily_realized_loss.limit');

  await page.getByRole('button', { name: 'Settings & rules' }).click();
  const rules = page.getByTestId('settings-rules');
  await expect(rules.getByTestId('setting-rule-RULE-001')).toContainText('Max contracts');
  await expect(rules.getByTestId('setting-rule-RULE-001')).toContainText('On');
  await expect(rules.getByTestId('setting-rule-RULE-001')).toContainText('Now: OK');
  const file = page.getByTestId('effective-config');
  await expect(file).toBeHidden();
  await page.getByText('Show the file as loaded').click();
  await expect(file).toContainText('limit: 5');
  await shots(page, 'h5-settings');
});
