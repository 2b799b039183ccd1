/**
 * The kill switch from the dashboard (web host, simulator): two presses flatten the account, cancel
 * its orders and lock it until the daily reset, even with the gateway answering slowly.
 */
import { CONTRACTS, expect, test } from './warden';

test('the kill switch flattens, cancels and locks until the reset while the gateway is slow', async ({ page, warden }) => {
  await page.goto(warden.dashboardUrl);
  await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
  await warden.sim.setPrice(CONTRACTS.MNQ, 21000);
  await warden.sim.market(CONTRACTS.MNQ, 'buy', 3);
  await warden.sim.limit(CONTRACTS.MNQ, 'buy', 1, 20000);
  await expect(page.getByTestId('position-MNQ')).toContainText('+3');
  await fetch(`${warden.sim.url}/sim/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 1000 }) });

  const button = page.getByTestId('kill-switch');
  await button.click();
  await expect(button).toHaveText('Press again: flatten and lock all');
  await expect(page.getByTestId('lockout-banner')).toHaveCount(0);
  await button.click();
  await expect(page.getByTestId('kill-switch-result')).toHaveText(
    /^Kill switch: 1 account flattened and locked until (\w{3} \w{3} \d+, )?5:00 PM CT\.$/,
  );
  await expect(page.getByTestId('lockout-title')).toHaveText('by Kill switch');
  await expect.poll(async () => (await warden.sim.state()).positions).toEqual([]);
  await expect.poll(async () => (await warden.sim.state()).openOrders).toEqual([]);
});

test('one press only arms the kill switch, and it disarms by itself', async ({ page, warden }) => {
  await page.goto(warden.dashboardUrl);
  await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
  const button = page.getByTestId('kill-switch');
  await button.click();
  await expect(button).toHaveText('Press again: flatten and lock all');
  await expect(button).toHaveText('Kill switch', { timeout: 6000 });
  await expect(page.getByTestId('lockout-banner')).toHaveCount(0);
});
