import { CONTRACTS, expect, screenshotPath, test } from './warden';

test.describe('a trader breaks a rule and Risk Warden enforces it', () => {
  test('buying 6 MNQ with max contracts 5: the breach shows, the timeline shows the close, the position is flat', async ({
    page,
    warden,
  }) => {
    await page.goto(warden.dashboardUrl);
    await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
    await expect(page.getByTestId('rule-RULE-001')).toHaveAttribute('data-state', 'ok');

    await warden.sim.market(CONTRACTS.MNQ, 'buy', 6);

    const timeline = page.getByTestId('timeline');
    await expect(timeline).toContainText('Max contracts broken');
    await expect(timeline).toContainText('6 contracts open (net), limit 5');
    await expect(timeline).toContainText('Closed MNQ (6 contracts): max contracts');
    await expect(page.getByTestId('positions-empty')).toBeVisible();
    const state = await warden.sim.state();
    expect(state.positions.filter((p) => p.contractId === CONTRACTS.MNQ)).toEqual([]);
    expect(state.calls['Position/closeContract']).toBe(1);
    await page.screenshot({ path: screenshotPath('dashboard-max-contracts'), fullPage: true });
  });

  test('losing −200 MNQ, −250 NQ, −100 ES with a −500 daily limit: locked, flat, new orders closed', async ({ page, warden }) => {
    await page.goto(warden.dashboardUrl);
    await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
    const { sim } = warden;

    await sim.roundTrip(CONTRACTS.MNQ, 21000, 20900);
    await sim.roundTrip(CONTRACTS.NQ, 21000, 20987.5);
    await sim.setPrice(CONTRACTS.MES, 6000);
    await sim.market(CONTRACTS.MES, 'buy', 2);
    await sim.limit(CONTRACTS.ES, 'buy', 1, 5900);
    await expect(page.getByTestId('pnl-realized')).toHaveText('-$454.28');
    await expect(page.getByTestId('rule-RULE-003')).toHaveAttribute('data-state', 'warning');
    await expect(page.getByTestId('position-MES')).toBeVisible();
    await expect(page.getByTestId('lockout-banner')).toHaveCount(0);
    await page.screenshot({ path: screenshotPath('dashboard-warning'), fullPage: true });

    await sim.roundTrip(CONTRACTS.ES, 6000, 5998);

    const banner = page.getByTestId('lockout-banner');
    await expect(banner).toContainText('Locked');
    await expect(banner).toContainText(/until 5:00 PM CT/);
    await expect(page.getByTestId('timeline')).toContainText(/Locked until 5:00 PM CT/);
    await expect(banner).toContainText('Locked by Daily realized loss');
    await expect(page.getByTestId('rule-RULE-003')).toHaveAttribute('data-state', 'locked');
    await expect(page.getByTestId('positions-empty')).toBeVisible();
    await expect.poll(async () => (await sim.state()).positions).toEqual([]);
    await expect.poll(async () => (await sim.state()).openOrders).toEqual([]);

    await sim.market(CONTRACTS.NQ, 'buy', 1);
    await expect(page.getByTestId('timeline')).toContainText('Not allowed while the account is locked');
    await expect.poll(async () => (await sim.state()).positions).toEqual([]);
    await expect(banner).toContainText('Locked');
    await page.screenshot({ path: screenshotPath('dashboard-locked'), fullPage: true });
  });

  test('the dashboard shows live demo data: account, P&L and rules with their limits', async ({ page, warden }) => {
    await page.goto(warden.dashboardUrl);
    await expect(page.getByText('PRAC-V2-RW-DEMO-50K')).toBeVisible();
    await expect(page.getByText('DEMO', { exact: true })).toBeVisible();
    await warden.sim.setPrice(CONTRACTS.ES, 6000);
    await warden.sim.market(CONTRACTS.ES, 'buy', 2);
    await warden.sim.setPrice(CONTRACTS.ES, 6001.5);
    await expect(page.getByTestId('pnl-unrealized')).toHaveText('+$150.00');
    await expect(page.getByTestId('position-ES')).toContainText('+2');
    await expect(page.getByTestId('rule-RULE-001')).toContainText('2 of 5');
    await expect(page.getByTestId('trade-count')).toHaveText('1');
    await page.screenshot({ path: screenshotPath('dashboard-ok'), fullPage: true });
  });
});
