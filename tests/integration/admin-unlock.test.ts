import { afterEach, describe, expect, it } from 'vitest';
import { handleApiCall } from '../../src/main/service/api-handler';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, MNQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
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
      message: expect.stringContaining('RULE-003 will not lock this account again before'),
    });
    expect(account().lockout).toBeNull();
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([1]));
    await harness!.service.settled();
    expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toHaveLength(1);
    expect(audit()).toEqual(['unlock', 'unlock approved']);
    expect(harness!.service.snapshot().timeline.map((e) => e.title)).toContain('Unlocked by an administrator');
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
    await trader.buy(MNQ, 1);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
  });

  it('says so when the account is not locked, without asking the OS', async () => {
    harness = await startHarness({ config: config({ daily_realized_loss: { limit: -500 } }) });
    expect(await harness.service.requestUnlock(DEMO_ACCOUNT, 'just in case')).toEqual({
      outcome: 'notLocked',
      message: `account ${DEMO_ACCOUNT} is not locked`,
    });
    expect(audit()).toEqual([]);
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
    expect(account().lockout?.ruleId).toBe('RULE-003');
  });
});
