import { CONTRACTS, expect, screenshotPath, startWarden, stopWarden, test } from './warden';

const YAML = `rules:
  daily_realized_loss:
    limit: -500
`;

test('the daily reset ends the until-reset lock and starts P&L and the trade count at zero', async ({ page }) => {
  const warden = await startWarden(YAML, { args: ['--test-clock'] });
  try {
    await page.goto(warden.dashboardUrl);
    await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
    await warden.sim.roundTrip(CONTRACTS.ES, 6000, 5988); // −600 and fees
    await expect(page.getByTestId('lockout-banner')).toContainText(/until 5:00 PM CT/);
    await expect(page.getByTestId('pnl-realized')).toHaveText('-$602.80');
    await expect(page.getByTestId('trade-count')).toHaveText('1');

    const { tradingDay, generatedAt } = await warden.status();
    await warden.advanceClock(Date.parse(tradingDay.nextReset) - Date.parse(generatedAt) + 2_000);

    await expect(page.getByTestId('lockout-banner')).toHaveCount(0);
    await expect(page.getByTestId('pnl-realized')).toHaveText('$0.00');
    await expect(page.getByTestId('trade-count')).toHaveText('0');
    await expect(page.getByTestId('rule-RULE-003')).toHaveAttribute('data-state', 'ok');
    const timeline = page.getByTestId('timeline');
    await expect(timeline).toContainText('Daily reset');
    await expect(timeline).toContainText('Lock ended at the daily reset');
    expect((await warden.status()).tradingDay.nextReset).not.toBe(tradingDay.nextReset);

    await warden.sim.setPrice(CONTRACTS.MNQ, 21000);
    await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
    await expect(page.getByTestId('position-MNQ')).toContainText('+1');
    await expect(page.getByTestId('trade-count')).toHaveText('1');
    expect((await warden.sim.state()).positions.map((p) => p.contractId)).toEqual([CONTRACTS.MNQ]);
    await page.screenshot({ path: screenshotPath('dashboard-after-reset'), fullPage: true });

    await page.getByRole('button', { name: 'Audit log' }).click();
    await expect(page.getByTestId('audit-log')).toContainText('daily reset');
  } finally {
    await stopWarden(warden);
  }
});
