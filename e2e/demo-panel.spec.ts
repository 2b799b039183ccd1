/**
 * A newcomer in demo mode, without curl: trades and moves prices from the dashboard's demo panel and
 * watches Risk Warden act on them (max contracts 5, daily realized loss −$500: RULES_YAML).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ACCOUNT, CONTRACTS, expect, screenshotPath, test } from './warden';

const panelOf = (page: Page) => page.getByTestId('demo-panel');

async function openPanel(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId(`account-${ACCOUNT}`)).toBeVisible();
  const panel = panelOf(page);
  await expect(panel).toContainText('Simulator — not a real account');
  return panel;
}

async function order(page: Page, symbol: keyof typeof CONTRACTS, size: number, side: 'Buy' | 'Sell') {
  const panel = panelOf(page);
  await panel.getByLabel('Contract', { exact: true }).selectOption(CONTRACTS[symbol]);
  await panel.getByLabel('Size (1–10 contracts)').fill(String(size));
  await panel.getByRole('button', { name: `${side} ${size} ${symbol}` }).click();
}

test.describe('the demo panel: a newcomer tries Risk Warden in ten seconds', () => {
  test('buys 2 MNQ, moves the price, closes all, then buys past max contracts and sees Risk Warden close it', async ({ page, warden }) => {
    const panel = await openPanel(page, warden.dashboardUrl);
    await expect(panel).toContainText('Risk Warden watches your account and closes positions, flattens and locks');
    const result = panel.getByRole('status');

    await order(page, 'MNQ', 2, 'Buy');
    await expect(result).toHaveText('Bought 2 MNQ at 21,000.00');
    await expect(page.getByTestId('position-MNQ')).toContainText('+2');

    await panel.getByRole('button', { name: 'Up 40 ticks (+10.00)' }).click();
    await expect(result).toHaveText('Moved MNQ up 40 ticks to 21,010.00');
    // 2 contracts × 40 ticks × $0.50.
    await expect(page.getByTestId('pnl-unrealized')).toHaveText('+$40.00');
    await expect(panel.getByTestId('demo-price')).toContainText('21,010.00');
    await panel.getByRole('button', { name: 'Down 4 ticks (−1.00)' }).click();
    await expect(page.getByTestId('pnl-unrealized')).toHaveText('+$36.00');
    await page.screenshot({ path: screenshotPath('demo-panel'), fullPage: true });

    await panel.getByRole('button', { name: 'Close all' }).click();
    await expect(result).toHaveText('Closed 1 position');
    await expect(page.getByTestId('positions-empty')).toBeVisible();

    await order(page, 'MNQ', 6, 'Buy');
    await expect(result).toHaveText('Bought 6 MNQ at 21,009.00');
    await expect(page.getByTestId('timeline')).toContainText('Closed MNQ (6 contracts)');
    await expect(page.getByTestId('positions-empty')).toBeVisible();
    await expect.poll(async () => (await warden.sim.state()).positions).toEqual([]);
  });

  test('refuses a size outside 1–10 before sending it, and says why the simulator refused an order', async ({ page, warden }) => {
    const panel = await openPanel(page, warden.dashboardUrl);
    const size = panel.getByLabel('Size (1–10 contracts)');
    await size.fill('11');
    await expect(size).toHaveAttribute('aria-invalid', 'true');
    await expect(panel).toContainText('Choose a whole number of contracts from 1 to 10.');
    await expect(panel.getByRole('button', { name: /^Buy/ })).toBeDisabled();

    await fetch(`${warden.sim.url}/sim/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: ACCOUNT, canTrade: false }),
    });
    await order(page, 'ES', 1, 'Sell');
    await expect(panel.getByRole('status')).toHaveText('Could not sell 1 ES: the simulator refused (Account is not allowed to trade)');
  });

  test('is usable by keyboard and passes the accessibility audit in light and dark, and at 480 px wide', async ({ page, warden }) => {
    const panel = await openPanel(page, warden.dashboardUrl);
    await panel.getByLabel('Contract', { exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(panel.getByLabel('Size (1–10 contracts)')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('button', { name: 'Buy 1 MNQ' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toHaveText('Bought 1 MNQ at 21,000.00');

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const audit = await new AxeBuilder({ page })
        .include('[data-testid="demo-panel"]')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
        .analyze();
      const serious = audit.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }

    await page.setViewportSize({ width: 480, height: 900 });
    const box = await panel.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(480);
    expect(await panel.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await page.screenshot({ path: screenshotPath('demo-panel-480'), fullPage: true });
  });

  test('names the simulator, whose root page answers HTML naming its control API', async ({ page, warden }) => {
    const panel = await openPanel(page, warden.dashboardUrl);
    await expect(panel.getByTestId('demo-simulator-url')).toHaveText(warden.sim.url);
    const response = await page.goto(`${warden.sim.url}/`);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    await expect(page.getByRole('heading', { name: 'Risk Warden simulator' })).toBeVisible();
    await expect(page.locator('body')).toContainText('POST /sim/price');
  });
});
