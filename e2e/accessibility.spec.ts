/**
 * An automated WCAG 2.1 AA audit (axe-core) of the dashboard as a trader sees it in the web host's
 * demo mode: light and dark, with figures and a warning, locked (and its unlock dialog), stale and
 * offline, the Settings & rules and Audit log tabs, and 480 px wide. Any serious or critical finding
 * fails, listed with its rule, the help text and the first elements concerned. Nothing is excluded:
 * what axe sees is what the trader gets.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { CONTRACTS, expect, RULES_YAML, startWarden, stopWarden, test, type Warden } from './warden';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SCHEMES = ['light', 'dark'] as const;

/** One line per serious or critical violation: id, impact, help and up to three elements with axe's reason. */
async function audit(page: Page, testInfo: TestInfo, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  await testInfo.attach(`axe ${label}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const nodes = violation.nodes.slice(0, 3).map((node) => {
        const why = node.any[0]?.message ?? node.failureSummary ?? '';
        const html = node.html.replace(/\s+/g, ' ').slice(0, 100);
        return `    ${node.target.join(' ')} ${html}${why ? ` — ${why.replace(/\s+/g, ' ')}` : ''}`;
      });
      const more = violation.nodes.length > 3 ? [`    … and ${violation.nodes.length - 3} more`] : [];
      return [`[${label}] ${violation.id} (${violation.impact}): ${violation.help}`, ...nodes, ...more].join('\n');
    });
}

/** Audits the page as it is, in the light and the dark scheme. */
async function auditBothSchemes(page: Page, testInfo: TestInfo, label: string, beforeEach?: () => Promise<void>): Promise<string[]> {
  const findings: string[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await beforeEach?.();
    findings.push(...(await audit(page, testInfo, `${label}, ${colorScheme}`)));
  }
  return findings;
}

function expectNoFindings(findings: string[]): void {
  if (findings.length > 0) console.log(`Accessibility findings:\n${findings.join('\n')}`);
  expect(findings, findings.join('\n')).toEqual([]);
}

async function openDashboard(page: Page, warden: Warden): Promise<void> {
  await page.goto(warden.dashboardUrl);
  await expect(page.getByText('PRAC-V2-RW-DEMO-50K').first()).toBeVisible();
  await expect(page).toHaveTitle('Risk Warden — OK');
}

/** A closed loss and an open position: figures, a rule on its warning ladder, a positions row, a timeline. */
async function tradeSome(warden: Warden): Promise<void> {
  await warden.sim.roundTrip(CONTRACTS.MNQ, 21000, 20870);
  await warden.sim.setPrice(CONTRACTS.MES, 6000);
  await warden.sim.market(CONTRACTS.MES, 'buy', 1);
}

/** A fresh quote, so the open position's mark is live (not dimmed as stale) when axe looks. */
async function quote(warden: Warden, page: Page, price: number): Promise<void> {
  await warden.sim.setPrice(CONTRACTS.MES, price);
  await expect(page).not.toHaveTitle(/stale/i);
}

/** Past the −$500 daily loss limit: the account is flattened and locked until the reset. */
async function lockTheAccount(warden: Warden, page: Page): Promise<void> {
  await warden.sim.roundTrip(CONTRACTS.MNQ, 21000, 20900);
  await warden.sim.roundTrip(CONTRACTS.NQ, 21000, 20987.5);
  await warden.sim.roundTrip(CONTRACTS.ES, 6000, 5998);
  await expect(page).toHaveTitle(/^LOCKED · PRAC-V2-RW-DEMO-50K/);
}

async function showTab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  // Both tabs ask the service for their content: audit it once it has arrived.
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

test.describe('the dashboard passes a WCAG 2.1 AA audit', () => {
  test('with figures, a warning and an open position, light and dark', async ({ page, warden }, testInfo) => {
    await openDashboard(page, warden);
    expectNoFindings(await auditBothSchemes(page, testInfo, 'fresh dashboard'));
    await tradeSome(warden);
    await expect(page).toHaveTitle('Warning — Risk Warden');
    let price = 6000;
    expectNoFindings(await auditBothSchemes(page, testInfo, 'dashboard with trades', () => quote(warden, page, (price += 0.25))));
  });

  test('with the account locked, light and dark', async ({ page, warden }, testInfo) => {
    await openDashboard(page, warden);
    await lockTheAccount(warden, page);
    const findings = await auditBothSchemes(page, testInfo, 'locked');
    await page
      .getByRole('button', { name: /admin unlock/i })
      .first()
      .click();
    await expect(page.getByRole('dialog')).toBeVisible();
    findings.push(...(await auditBothSchemes(page, testInfo, 'unlock dialog')));
    expectNoFindings(findings);
  });

  test('offline and with stale prices, light and dark', async ({ page }, testInfo) => {
    const warden = await startWarden(RULES_YAML, { args: ['--test-clock'] });
    try {
      await openDashboard(page, warden);
      await tradeSome(warden);
      await expect(page).toHaveTitle('Warning — Risk Warden');
      const paused = await fetch(`${warden.sim.url}/sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pauseMarket: true }),
      });
      expect(paused.ok, 'the simulator pauses its market').toBe(true);
      await warden.advanceClock(20_000);
      await expect(page).toHaveTitle('Data stale — Risk Warden');
      const findings = await auditBothSchemes(page, testInfo, 'stale');

      await stopWarden(warden);
      await expect(page).toHaveTitle('NOT PROTECTED — Risk Warden offline');
      findings.push(...(await auditBothSchemes(page, testInfo, 'offline')));
      expectNoFindings(findings);
    } finally {
      await stopWarden(warden);
    }
  });

  test('on the Settings & rules and Audit log tabs, light and dark', async ({ page, warden }, testInfo) => {
    await openDashboard(page, warden);
    await lockTheAccount(warden, page);
    const findings: string[] = [];
    await showTab(page, 'Settings & rules');
    findings.push(...(await auditBothSchemes(page, testInfo, 'Settings & rules')));
    await showTab(page, 'Audit log');
    findings.push(...(await auditBothSchemes(page, testInfo, 'Audit log')));
    expectNoFindings(findings);
  });

  test('480 px wide, trading and locked', async ({ page, warden }, testInfo) => {
    await page.setViewportSize({ width: 480, height: 900 });
    await openDashboard(page, warden);
    await tradeSome(warden);
    await expect(page).toHaveTitle('Warning — Risk Warden');
    let price = 6000;
    const findings = await auditBothSchemes(page, testInfo, '480 px trading', () => quote(warden, page, (price += 0.25)));
    await lockTheAccount(warden, page);
    findings.push(...(await auditBothSchemes(page, testInfo, '480 px locked')));
    expectNoFindings(findings);
  });
});
