/**
 * The browser tab tells a trader what happened while they look at another tab or window: the title
 * and the icon follow the dashboard's state, and with alerts allowed each new breach, close and lock
 * becomes one notification naming the account.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CONTRACTS, expect, RULES_YAML, startWarden, stopWarden, test, type Warden } from './warden';

interface TimelineRow {
  id: number;
  kind: string;
  title: string;
}

async function timeline(warden: Warden): Promise<TimelineRow[]> {
  return ((await warden.status()) as unknown as { timeline: TimelineRow[] }).timeline;
}

/** Past the −$500 daily loss limit: the account is flattened and locked until the reset. */
async function loseTheDay(warden: Warden): Promise<void> {
  await warden.sim.roundTrip(CONTRACTS.MNQ, 21000, 20900);
  await warden.sim.roundTrip(CONTRACTS.NQ, 21000, 20987.5);
  await warden.sim.roundTrip(CONTRACTS.ES, 6000, 5998);
}

const favicon = (page: Page) => page.locator('link[rel="icon"]');

interface RecordedAlert {
  title: string;
  body?: string;
  tag?: string;
}

/** The page's globals this spec touches (the e2e specs compile without the DOM's types). */
interface AlertScope {
  Notification: new (title: string, options?: { body?: string; tag?: string }) => object;
  recordedAlerts: RecordedAlert[];
}

/** Every Notification the page constructs is recorded (and still shown). */
async function recordAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const scope = globalThis as unknown as AlertScope;
    const recorded: RecordedAlert[] = [];
    scope.recordedAlerts = recorded;
    scope.Notification = class extends scope.Notification {
      constructor(title: string, options?: { body?: string; tag?: string }) {
        super(title, options);
        recorded.push({ title, body: options?.body, tag: options?.tag });
      }
    };
  });
}

function recordedAlerts(page: Page): Promise<RecordedAlert[]> {
  return page.evaluate(() => (globalThis as unknown as AlertScope).recordedAlerts);
}

test.describe('the browser tab follows the dashboard', () => {
  test('OK, then LOCKED naming the account after a breach that locks, then NOT PROTECTED when Risk Warden stops', async ({ page }) => {
    // Its own Risk Warden rather than the fixture's: this test stops it.
    const warden = await startWarden(RULES_YAML);
    try {
      await page.goto(warden.dashboardUrl);
      await expect(page).toHaveTitle('Risk Warden — OK');
      await expect(favicon(page)).toHaveAttribute('data-state', 'ok');
      const okIcon = await favicon(page).getAttribute('href');
      expect(okIcon).toMatch(/^data:image\/svg\+xml,/);

      await loseTheDay(warden);

      await expect(page).toHaveTitle('LOCKED · PRAC-V2-RW-DEMO-50K — Risk Warden');
      await expect(favicon(page)).toHaveAttribute('data-state', 'locked');
      expect(await favicon(page).getAttribute('href')).not.toBe(okIcon);

      await stopWarden(warden);

      await expect(page).toHaveTitle('NOT PROTECTED — Risk Warden offline');
      await expect(favicon(page)).toHaveAttribute('data-state', 'offline');
    } finally {
      await stopWarden(warden);
    }
  });

  test('Warning once a rule reaches its warning ladder', async ({ page, warden }) => {
    await page.goto(warden.dashboardUrl);
    await expect(page).toHaveTitle('Risk Warden — OK');
    await warden.sim.roundTrip(CONTRACTS.MNQ, 21000, 20860);
    await expect(page).toHaveTitle('Warning — Risk Warden');
    await expect(favicon(page)).toHaveAttribute('data-state', 'warning');
  });
});

test.describe('turning alerts on', () => {
  test('the top bar offers "Turn on alerts"; once the trader says yes, it says Alerts on and confirms with a first alert', async ({
    page,
    warden,
  }) => {
    await recordAlerts(page);
    // The browser's permission prompt, which a headless browser cannot show: it asks only when the page
    // requests it (a grant given from outside would reach the page before the click), and the trader says yes.
    await page.addInitScript(() => {
      const prompt = (globalThis as unknown as { Notification: object }).Notification;
      let permission = 'default';
      Object.defineProperty(prompt, 'permission', { get: () => permission });
      Object.defineProperty(prompt, 'requestPermission', {
        value: async () => {
          permission = 'granted';
          return permission;
        },
      });
    });
    await page.goto(warden.dashboardUrl);
    const toggle = page.getByTestId('alerts-toggle');
    await expect(toggle).toHaveText('Turn on alerts');

    await toggle.click();

    await expect(toggle).toHaveText('Alerts on');
    await expect.poll(async () => (await recordedAlerts(page)).map((alert) => alert.title)).toEqual(['Risk Warden alerts are on']);
  });
});

test.describe('browser notifications, once allowed', () => {
  test.use({ permissions: ['notifications'] });

  test('one notification per new breach and lock, naming the account; none for what happened before the page opened', async ({
    page,
    warden,
  }) => {
    await recordAlerts(page);
    const recorded = () => recordedAlerts(page);

    // Before the page opens: 6 MNQ past max contracts 5, a breach Risk Warden closes.
    await warden.sim.market(CONTRACTS.MNQ, 'buy', 6);
    await expect.poll(async () => (await timeline(warden)).some((entry) => entry.kind === 'breach')).toBe(true);
    const before = Math.max(...(await timeline(warden)).map((entry) => entry.id));

    await page.goto(warden.dashboardUrl);
    await expect(page).toHaveTitle(/Risk Warden/);
    await expect(page.getByText('PRAC-V2-RW-DEMO-50K').first()).toBeVisible();

    await loseTheDay(warden);
    await expect(page).toHaveTitle(/^LOCKED/);

    const entries = await timeline(warden);
    const lock = entries.find((entry) => entry.kind === 'lockout');
    const breach = entries.find((entry) => entry.kind === 'breach' && entry.id > before);
    expect(lock, 'the lock is in the timeline').toBeDefined();
    expect(breach, 'the daily loss breach is in the timeline').toBeDefined();
    await expect.poll(async () => (await recorded()).map((alert) => alert.tag)).toContain(`risk-warden-${lock!.id}`);
    await expect.poll(async () => (await recorded()).map((alert) => alert.tag)).toContain(`risk-warden-${breach!.id}`);

    // More snapshots (a new price) bring nothing again.
    await warden.sim.setPrice(CONTRACTS.ES, 6001);
    await expect(page).toHaveTitle(/^LOCKED/);
    // The daily loss climbing its warning ladder on the way is told too (see the ladder's own test below).
    const alerts = (await recorded()).filter((alert) => !alert.tag?.startsWith('risk-warden-step-'));
    const tags = alerts.map((alert) => alert.tag);
    expect(new Set(tags).size, 'each entry alerts once').toBe(tags.length);
    const ids = tags.map((tag) => Number(tag?.replace('risk-warden-', '')));
    expect(
      ids.every((id) => id > before),
      'nothing from before the page opened',
    ).toBe(true);
    for (const alert of alerts) expect(alert.title).toMatch(/^PRAC-V2-RW-DEMO-50K: /);
    expect(alerts.find((alert) => alert.tag === `risk-warden-${lock!.id}`)?.title).toBe(`PRAC-V2-RW-DEMO-50K: ${lock!.title}`);
  });
});

test.describe('a notification per step of a rule’s warning ladder', () => {
  test.use({ permissions: ['notifications'] });

  /** axe's colour-contrast check (WCAG AA) of one rule card, in the light and the dark scheme. */
  async function contrastFindings(page: Page, selector: string): Promise<string[]> {
    const findings: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page }).include(selector).withRules(['color-contrast']).analyze();
      findings.push(...results.violations.flatMap((v) => v.nodes.map((node) => `${colorScheme}: ${node.html} — ${node.failureSummary}`)));
    }
    return findings;
  }

  test('a custom ladder [20, 40, 60]: one notification per step climbed, none for the step reached before the page opened, the card louder at each step', async ({
    page,
  }) => {
    const warden = await startWarden(`rules:\n  max_contracts: { limit: 5, warnings: [20, 40, 60] }\n`);
    try {
      await recordAlerts(page);
      const steps = async () => (await recordedAlerts(page)).filter((alert) => alert.tag?.startsWith('risk-warden-step-'));
      // Before the page opens: 1 of 5 contracts, the 20 % step.
      await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect.poll(async () => (await warden.sim.state()).positions.length).toBe(1);

      await page.goto(warden.dashboardUrl);
      const card = page.getByTestId('rule-RULE-001');
      await expect(card).toHaveAttribute('data-step', '1');
      await expect(card.getByTestId('rule-state')).toHaveText('Warning — past 20 % of limit');
      await expect(card.getByTestId('gauge-step')).toHaveCount(3);

      await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(card).toHaveAttribute('data-step', '2');
      await expect(card.getByTestId('rule-state')).toHaveText('Warning — past 40 % of limit');
      await expect.poll(async () => (await steps()).length).toBe(1);
      expect(await contrastFindings(page, '[data-testid="rule-RULE-001"]')).toEqual([]);

      await warden.sim.market(CONTRACTS.MNQ, 'buy', 1);
      await expect(card).toHaveAttribute('data-step', '3');
      await expect(card.getByTestId('rule-state')).toHaveText('Warning — past 60 % of limit');
      await expect
        .poll(async () => (await steps()).map(({ title, body }) => ({ title, body })))
        .toEqual([
          { title: 'Max contracts at 40 %', body: '2 of 5 contracts on PRAC-V2-RW-DEMO-50K' },
          { title: 'Max contracts at 60 %', body: '3 of 5 contracts on PRAC-V2-RW-DEMO-50K' },
        ]);
      expect(await contrastFindings(page, '[data-testid="rule-RULE-001"]')).toEqual([]);

      // More snapshots (new prices) tell nothing again.
      await warden.sim.setPrice(CONTRACTS.MNQ, 21001);
      await warden.sim.setPrice(CONTRACTS.MNQ, 21002.25);
      await expect(card).toHaveAttribute('data-step', '3');
      expect(await steps()).toHaveLength(2);
    } finally {
      await stopWarden(warden);
    }
  });
});
