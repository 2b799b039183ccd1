import { afterEach, describe, expect, it } from 'vitest';
import { trayState } from '../../src/main/desktop/tray-state';
import { handleApiCall } from '../../src/main/service/api-handler';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, MNQ, Trader } from '../helpers/trader';
import { money, signedMoney } from '../../src/shared/money';

let harness: Harness | undefined;
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
afterEach(async () => harness?.close());

const account = () => harness!.service.snapshot().accounts[0]!;
const audit = () =>
  harness!.service
    .auditLog(20)
    .filter((e) => e.actor === 'admin')
    .map((e) => e.action);

async function lockedByDailyLoss(): Promise<Trader> {
  harness = await startHarness({ config: config({ daily_realized_loss: { limit: -500 } }) });
  const trader = await Trader.login(harness.sim);
  await trader.roundTrip(harness.sim, ES, 6000, 5988); // −600
  await eventually(() => expect(account().lockout?.ruleId).toBe('RULE-003'));
  return trader;
}

describe('admin unlock through the elevation prompt', () => {
  it('lifts the daily-loss lock once the prompt proves an administrator, and the account can trade again', async () => {
    const trader = await lockedByDailyLoss();
    const result = await harness!.service.requestUnlock(DEMO_ACCOUNT, 'risk desk approved one more trade');
    expect(result).toMatchObject({
      outcome: 'approved',
      message: expect.stringMatching(/^Unlocked\. Daily realized loss locks again at /),
    });
    expect(account().lockout).toBeNull();
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([1]));
    await harness!.service.settled();
    expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toHaveLength(1);
    expect(audit()).toEqual(['unlock', 'unlock approved']);
    expect(harness!.service.auditLog(5).find((e) => e.action === 'unlock approved')?.detail).toContain(
      'choice: resume with a fresh limit from now',
    );
    expect(harness!.service.snapshot().timeline.map((e) => e.title)).toContain('Unlocked by an administrator');
  });

  it('says before approval what each choice does to the rule, with the numbers', async () => {
    await lockedByDailyLoss();
    const pnl = account().rules.find((r) => r.ruleId === 'RULE-003')!.value;
    expect(pnl).toBeLessThanOrEqual(-600);
    expect(account().unlock).toEqual({
      ruleId: 'RULE-003',
      ruleTitle: 'Daily realized loss',
      resume: `Daily realized loss locks again at ${money(pnl - 500)} (a further -$500.00 from ${money(pnl)} now)`,
      resumeUnavailable: null,
      suspend: expect.stringMatching(
        /^Daily realized loss will not lock this account again until .+ \(the daily reset\); the other rules stay on$/,
      ),
    });
  });

  it('journey 3, resume: a further loss of the same size locks again and says so; the card shows the new limit', async () => {
    const trader = await lockedByDailyLoss();
    const atUnlock = account().rules.find((r) => r.ruleId === 'RULE-003')!.value;
    const result = await harness!.service.requestUnlock(DEMO_ACCOUNT, 'desk approved one more trade', 'resume');
    expect(result.message).toBe(
      `Unlocked. Daily realized loss locks again at ${money(atUnlock - 500)} (a further -$500.00 from ${money(atUnlock)} now).`,
    );
    expect(result.message).not.toMatch(ISO_INSTANT);
    const card = account().rules.find((r) => r.ruleId === 'RULE-003')!;
    expect(card).toMatchObject({ value: atUnlock, limit: atUnlock - 500, state: 'ok', override: { mode: 'resumed', baseline: atUnlock } });
    expect(card.summary).toBe(`${signedMoney(atUnlock)} of ${money(atUnlock - 500)}`);

    await trader.roundTrip(harness!.sim, ES, 6000, 5990); // −500 more, and fees: past the fresh limit
    await eventually(() => expect(account().lockout?.ruleId).toBe('RULE-003'));
    expect(account().lockout!.reason).toMatch(/P&L .+ reached the fresh limit .+ set by the admin unlock/);
    await harness!.service.settled();
    expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]);
  });

  it('journey 3, suspend: the rule shows suspended on its card, header and tray, and a further loss does not lock', async () => {
    const trader = await lockedByDailyLoss();
    const result = await harness!.service.requestUnlock(DEMO_ACCOUNT, 'desk approved', 'suspend');
    expect(result.message).toMatch(/^Unlocked\. Daily realized loss will not lock this account again until .+ \(the daily reset\)/);
    expect(result.message).not.toMatch(ISO_INSTANT);
    const card = () => account().rules.find((r) => r.ruleId === 'RULE-003')!;
    expect(card()).toMatchObject({ state: 'suspended', breached: false, override: { mode: 'suspended', reason: 'desk approved' } });
    expect(card().override!.text).toMatch(/^suspended until .+ \(admin unlock at .+, reason: desk approved\)$/);
    expect(card().override!.text).not.toMatch(ISO_INSTANT);
    expect(trayState(harness!.service.snapshot()).tooltip).toContain(`trading allowed · Daily realized loss ${card().override!.text}`);
    expect(harness!.service.auditLog(5).find((e) => e.action === 'unlock approved')?.detail).toContain('choice: suspend until the reset');

    await trader.roundTrip(harness!.sim, ES, 6000, 5988);
    await eventually(() => expect(card().value).toBeLessThan(-1200));
    await harness!.service.settled();
    expect(account().lockout).toBeNull();
    expect(card().state).toBe('suspended');
  });

  it('keeps a resume and its baseline across a restart: no lock at once, and the fresh limit still holds', async () => {
    const trader = await lockedByDailyLoss();
    await harness!.service.requestUnlock(DEMO_ACCOUNT, 'desk approved', 'resume');
    const before = account().rules.find((r) => r.ruleId === 'RULE-003')!;
    await harness!.restart();
    await harness!.service.settled();
    expect(account().lockout).toBeNull();
    expect(account().rules.find((r) => r.ruleId === 'RULE-003')).toMatchObject({ limit: before.limit, override: { mode: 'resumed' } });
    await trader.roundTrip(harness!.sim, ES, 6000, 5990);
    await eventually(() => expect(account().lockout?.ruleId).toBe('RULE-003'));
  });

  it('keeps a suspension across a restart', async () => {
    await lockedByDailyLoss();
    await harness!.service.requestUnlock(DEMO_ACCOUNT, 'desk approved', 'suspend');
    await harness!.restart();
    await harness!.service.settled();
    expect(account().lockout).toBeNull();
    expect(account().rules.find((r) => r.ruleId === 'RULE-003')!.state).toBe('suspended');
  });

  it('does not lock again after a restart on the same day once an administrator unlocked', async () => {
    await lockedByDailyLoss();
    await harness!.service.requestUnlock(DEMO_ACCOUNT, 'approved by the desk');
    await harness!.restart();
    await harness!.service.settled();
    expect(account().lockout).toBeNull();
  });

  it.each([
    ['deny', 'denied', /password was not accepted/],
    ['cancel', 'cancelled', /dismissed/],
    ['unavailable', 'unavailable', /could not be started/],
    ['no-proof', 'refused', /without proof/],
  ] as const)('keeps the account locked when the prompt answers %s, and audits it', async (answer, outcome, message) => {
    const trader = await lockedByDailyLoss();
    harness!.sim.elevation.answer = answer;
    expect(await harness!.service.requestUnlock(DEMO_ACCOUNT, 'please')).toMatchObject({
      outcome,
      message: expect.stringMatching(message),
    });
    expect(account().lockout?.ruleId).toBe('RULE-003');
    expect(audit()).toEqual([`unlock ${outcome}`]);
    // The dashboard colours the refusal as bad news, like every other surface (never the green of an unlock).
    expect(
      harness!.service
        .snapshot()
        .timeline.filter((e) => e.kind === 'unlock')
        .map((e) => e.tone),
    ).toEqual(['bad']);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
  });

  it('says so when the account is not locked, without asking the OS, and audits the attempt', async () => {
    harness = await startHarness({ config: config({ daily_realized_loss: { limit: -500 } }) });
    harness.sim.elevation.answer = 'deny';
    expect(await harness.service.requestUnlock(DEMO_ACCOUNT, 'just in case')).toEqual({
      outcome: 'notLocked',
      message: `account ${DEMO_ACCOUNT} is not locked`,
    });
    expect(audit()).toEqual(['unlock not locked']);
  });

  it('refuses a malformed unlock request with the field and the reason', async () => {
    await lockedByDailyLoss();
    await expect(
      handleApiCall(
        { service: harness!.service, settings: commandLineSettings({ gateway: null, configFile: null, dataDir: harness!.dataDir }) },
        'requestUnlock',
        { accountId: DEMO_ACCOUNT, reason: ' ' },
      ),
    ).rejects.toThrow('requestUnlock: invalid params at reason: say why the account is unlocked (at least 3 characters)');
    await expect(
      handleApiCall(
        { service: harness!.service, settings: commandLineSettings({ gateway: null, configFile: null, dataDir: harness!.dataDir }) },
        'requestUnlock',
        { accountId: 'x', reason: 'fine' },
      ),
    ).rejects.toThrow(/invalid params at accountId/);
    await expect(
      handleApiCall(
        { service: harness!.service, settings: commandLineSettings({ gateway: null, configFile: null, dataDir: harness!.dataDir }) },
        'requestUnlock',
        { accountId: DEMO_ACCOUNT, reason: 'fine', force: true },
      ),
    ).rejects.toThrow(/invalid params/);
    await expect(
      handleApiCall(
        { service: harness!.service, settings: commandLineSettings({ gateway: null, configFile: null, dataDir: harness!.dataDir }) },
        'requestUnlock',
        { accountId: DEMO_ACCOUNT, reason: 'fine', choice: 'forever' },
      ),
    ).rejects.toThrow(
      'requestUnlock: invalid params at choice: choice must be "resume" (a fresh limit from now) or "suspend" (until the reset)',
    );
    expect(account().lockout?.ruleId).toBe('RULE-003');
  });
});
