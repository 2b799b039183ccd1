/**
 * The status strip under the top bar, as a trader reads it on every tab: all clear, locked (which
 * account, until when, how long), not protected when Risk Warden is gone, stale when prices stop;
 * and the dashboard fits a 480 px window.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CONTRACTS, expect, screenshotPath, startWarden, stopWarden, test } from './warden';

const DAILY_LOSS_YAML = `rules:
  max_contracts:
    limit: 5
  daily_realized_loss:
    limit: -500
`;
const ACCOUNT_NAME = 'PRAC-V2-RW-DEMO-50K';

/** Light and dark, wide and narrow: into RW_SHOTS_DIR when set (for review), else test-results/screenshots. */
async function shoot(page: Page, state: string): Promise<void> {
  const dir = process.env.RW_SHOTS_DIR;
  const before = page.viewportSize()!;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1400, 480]) {
      await page.setViewportSize({ width, height: 900 });
      const name = `h4-${state}-${scheme}-${width}`;
      const file = dir ? path.join(dir, `${name}.png`) : screenshotPath(name);
      if (dir) fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: file, fullPage: width === 480 });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize(before);
}

async function tab(page: Page, name: 'Dashboard' | 'Settings & rules' | 'Audit log'): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();
}

async function noHorizontalScroll(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate<number>('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(480);
}

test.describe('the status strip says on every tab whether the accounts are protected', () => {
  test('all clear, then locked by the daily loss limit: the account, the end and a countdown on every tab', async ({ page }) => {
    const warden = await startWarden(DAILY_LOSS_YAML);
    try {
      await page.goto(warden.dashboardUrl);
      const strip = page.getByTestId('status-strip');
      await expect(strip).toHaveAttribute('data-state', 'ok');
      await expect(strip).toContainText('All rules OK');
      await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
      await shoot(page, 'ok');

      await warden.sim.roundTrip(CONTRACTS.ES, 6000, 5988); // −600 and fees

      for (const name of ['Dashboard', 'Settings & rules', 'Audit log'] as const) {
        await tab(page, name);
        await expect(strip).toHaveAttribute('data-state', 'locked');
        await expect(page.getByTestId('status-strip-text')).toContainText(
          new RegExp(`${ACCOUNT_NAME} locked by Daily realized loss until (\\w{3} \\w{3} \\d+, )?5:00 PM CT`),
        );
        await expect(page.getByTestId('status-strip-clock')).toHaveText(/^ends in (\d+h \d\dm|\d+m \d\ds)$/);
      }

      await tab(page, 'Dashboard');
      const banner = page.getByTestId('lockout-banner');
      await expect(banner).toContainText(/Locked by Daily realized loss until (\w{3} \w{3} \d+, )?5:00 PM CT/);
      await expect(banner.getByRole('alert')).not.toContainText('ends in');
      await expect(banner.getByRole('alert')).not.toContainText('daily_realized_loss');
      await expect(page.getByTestId('lockout-countdown')).toHaveText(/^ends in /);

      // The announced sentence is read once; the countdown ticks beside it, outside the live region.
      await expect(page.getByTestId('status-strip-text')).toHaveAttribute('aria-live', 'polite');
      await expect(page.getByTestId('status-strip-text')).not.toContainText('ends in');
      await shoot(page, 'locked');

      // The unlock dialog: Escape closes it and focus goes back to the button that opened it.
      const unlock = page.getByRole('button', { name: 'Admin unlock…' });
      await unlock.click();
      const dialog = page.getByTestId('unlock-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('unlock-lock')).toContainText(/until (\w{3} \w{3} \d+, )?5:00 PM CT/);
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        expect(await dialog.evaluate((element) => element.contains(element.ownerDocument.activeElement))).toBe(true);
      }
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(unlock).toBeFocused();
    } finally {
      await stopWarden(warden);
    }
  });

  test('with the service killed the page stays, says the accounts are not protected, and dims the last known figures', async ({ page }) => {
    const warden = await startWarden(DAILY_LOSS_YAML);
    await page.goto(warden.dashboardUrl);
    const strip = page.getByTestId('status-strip');
    await expect(strip).toHaveAttribute('data-state', 'ok');
    await warden.sim.setPrice(CONTRACTS.MNQ, 21000);
    await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
    await expect(page.getByTestId('position-MNQ')).toBeVisible();

    await stopWarden(warden, 'SIGKILL');

    await expect(strip).toHaveAttribute('data-state', 'offline');
    await expect(page.getByTestId('status-strip-text')).toContainText('Risk Warden is not running: your accounts are NOT protected');
    await expect(page.getByTestId('status-strip-text')).toContainText('Enforcement has stopped');
    await expect(page.getByTestId('status-strip-clock')).toContainText(/last known .* ago/);
    await expect(page.getByTestId('figures-note')).toContainText('Last known figures');
    await expect(page.getByTestId('pnl-figures')).toHaveAttribute('data-freshness', 'offline');
    await expect(page.getByTestId('position-MNQ')).toBeVisible();
    await tab(page, 'Audit log');
    await expect(strip).toHaveAttribute('data-state', 'offline');
    await tab(page, 'Dashboard');
    await shoot(page, 'offline');
  });

  test('with the market feed paused and a position open, the figures are marked stale', async ({ page }) => {
    const warden = await startWarden(DAILY_LOSS_YAML, { args: ['--test-clock'] });
    try {
      await page.goto(warden.dashboardUrl);
      const strip = page.getByTestId('status-strip');
      await expect(strip).toHaveAttribute('data-state', 'ok');
      await warden.sim.setPrice(CONTRACTS.MNQ, 21000);
      await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(page.getByTestId('position-MNQ')).toBeVisible();
      const paused = await fetch(`${warden.sim.url}/sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pauseMarket: true }),
      });
      expect(paused.ok).toBe(true);

      await warden.advanceClock(20_000);

      await expect(strip).toHaveAttribute('data-state', 'stale');
      await expect(strip).toContainText('Data stale');
      await expect(page.getByTestId('figures-note')).toContainText('Prices are not current');
      await expect(page.getByTestId('pnl-figures')).toHaveAttribute('data-freshness', 'stale');
      await shoot(page, 'stale');
    } finally {
      await stopWarden(warden);
    }
  });

  test('at 480 px wide nothing scrolls sideways, on any tab, with a position open and the account locked', async ({ page }) => {
    const warden = await startWarden(DAILY_LOSS_YAML);
    try {
      await page.setViewportSize({ width: 480, height: 900 });
      await page.goto(warden.dashboardUrl);
      await warden.sim.setPrice(CONTRACTS.NQ, 21000);
      await warden.sim.market(CONTRACTS.NQ, 'buy', 1);
      await expect(page.getByTestId('position-NQ')).toBeVisible();
      await noHorizontalScroll(page);
      await expect(page.getByRole('button', { name: 'Audit log' })).toBeInViewport();
      await expect(page.getByTestId('next-reset')).toBeInViewport();

      await warden.sim.roundTrip(CONTRACTS.ES, 6000, 5988);
      await expect(page.getByTestId('status-strip')).toHaveAttribute('data-state', 'locked');
      for (const name of ['Dashboard', 'Settings & rules', 'Audit log'] as const) {
        await tab(page, name);
        await noHorizontalScroll(page);
      }
    } finally {
      await stopWarden(warden);
    }
  });
});
