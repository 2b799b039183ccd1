import { CONTRACTS, expect, startWarden, stopWarden, test } from './warden';

test('an account-wide limit counts every symbol: 3 MNQ then 3 MES with max 5 closes the MES that broke it', async ({ page }) => {
  const warden = await startWarden(`rules:\n  max_contracts:\n    limit: 5\n    count_type: net\n`);
  try {
    await page.goto(warden.dashboardUrl);
    await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
    await warden.sim.market(CONTRACTS.MNQ, 'buy', 3);
    await expect(page.getByTestId('rule-RULE-001')).toContainText('3 of 5');
    await warden.sim.market(CONTRACTS.MES, 'buy', 3);

    const timeline = page.getByTestId('timeline');
    await expect(timeline).toContainText('Max contracts broken');
    await expect(timeline).toContainText('Closed MES (3 contracts): max contracts');
    await expect(page.getByTestId('position-MES')).toHaveCount(0);
    await expect(page.getByTestId('position-MNQ')).toContainText('+3');
    await expect(page.getByTestId('rule-RULE-001')).toContainText('3 of 5');
    const positions = (await warden.sim.state()).positions;
    expect(positions.map((p) => [p.contractId, p.size])).toEqual([[CONTRACTS.MNQ, 3]]);
  } finally {
    await stopWarden(warden);
  }
});
