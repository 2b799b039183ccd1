/**
 * The self-lockout through the real service, store and gateway client against the simulator, on a
 * fake trading clock: it flattens, locks until the chosen time, rejects new trades, survives a
 * restart, and only the administrator prompt lifts it early.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handleApiCall } from '../../src/main/service/api-handler';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, MNQ, Trader } from '../helpers/trader';

/** Tue Mar 10 2026, 2:00 PM CT. */
const TUESDAY_2PM = Date.parse('2026-03-10T19:00:00Z');

let harness: Harness | undefined;
afterEach(async () => harness?.close());

const account = () => harness!.service.snapshot().accounts[0]!;

async function tradingWithExposure(): Promise<{ trader: Trader; clock: FakeClock }> {
  const clock = new FakeClock(TUESDAY_2PM);
  harness = await startHarness({ config: config({}), clock });
  const trader = await Trader.login(harness.sim);
  harness.sim.exchange.setPrice(MNQ, 21_000);
  await trader.buy(MNQ, 2);
  await trader.limitBuy(MNQ, 1, 20_000);
  await eventually(() => expect(account()).toMatchObject({ positions: [{ size: 2 }], openOrders: [{ limitPrice: 20_000 }] }));
  return { trader, clock };
}

async function flatAtTheBroker(): Promise<void> {
  await eventually(() => {
    expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]);
    expect(harness!.sim.exchange.openOrders(DEMO_ACCOUNT)).toEqual([]);
  });
}

describe('self-lockout', () => {
  it('says the end in the trading timezone and what it closes before the trader confirms', async () => {
    await tradingWithExposure();
    expect(harness!.service.selfLockPreview({ accountIds: [], until: { kind: 'time', at: '09:30' } })).toEqual({
      until: '2026-03-11T14:30:00.000Z',
      untilText: 'Wed Mar 11, 9:30 AM CT',
      accounts: ['PRAC-V2-RW-DEMO-50K'],
      closes: ['PRAC-V2-RW-DEMO-50K: close MNQ (2 long); cancel 1 order'],
      alreadyLocked: [],
    });
    expect(account().lockout).toBeNull();
  });

  it('flattens and locks until the chosen time; new trades are rejected; a restart keeps it; it ends on its own then', async () => {
    const { trader, clock } = await tradingWithExposure();
    const result = harness!.service.selfLock({ accountIds: [DEMO_ACCOUNT], until: { kind: 'hours', hours: 2 } });
    expect(result.message).toBe('Locked until 4:00 PM CT; positions closed and orders cancelled.');
    expect(account().lockout).toMatchObject({
      kind: 'untilTime',
      ruleId: 'SELF-LOCK',
      ruleTitle: 'Self-lockout',
      until: '2026-03-10T21:00:00.000Z',
      untilText: '4:00 PM CT',
    });
    await flatAtTheBroker();
    expect(harness!.service.auditLog(10).find((e) => e.action === 'self-lockout')).toMatchObject({
      actor: 'trader',
      detail: 'self-lockout until 4:00 PM CT (2 hours): PRAC-V2-RW-DEMO-50K',
    });

    await trader.buy(MNQ, 1);
    await eventually(() => expect(harness!.service.snapshot().timeline.some((e) => /^Closed MNQ/.test(e.title))).toBe(true));
    await flatAtTheBroker();

    await harness!.restart();
    expect(account().lockout).toMatchObject({ ruleId: 'SELF-LOCK', ruleTitle: 'Self-lockout', untilText: '4:00 PM CT' });
    await clock.advance(2 * 3_600_000);
    expect(account().lockout).toBeNull();
  });

  it('is lifted early only by the administrator prompt, which just unlocks (no rule to resume)', async () => {
    await tradingWithExposure();
    harness!.service.selfLock({ accountIds: [], until: { kind: 'endOfDay' } });
    harness!.sim.elevation.answer = 'deny';
    expect((await harness!.service.requestUnlock(DEMO_ACCOUNT, 'let me trade')).outcome).toBe('denied');
    expect(account().lockout?.ruleId).toBe('SELF-LOCK');
    expect(account().unlock).toBeNull();

    harness!.sim.elevation.answer = 'approve';
    expect(await harness!.service.requestUnlock(DEMO_ACCOUNT, 'desk approved', 'resume')).toEqual({
      outcome: 'approved',
      message: 'Unlocked. The self-lockout is lifted; every rule stays on.',
    });
    expect(account().lockout).toBeNull();
  });

  it('refuses an invalid choice at the API with the key and why', async () => {
    await tradingWithExposure();
    const context = {
      service: harness!.service,
      settings: commandLineSettings({ gateway: null, configFile: null, dataDir: harness!.dataDir }),
    };
    await expect(handleApiCall(context, 'selfLock', { accountIds: [], until: { kind: 'hours', hours: 73 } })).rejects.toThrow(
      'selfLock: invalid params at until.hours: hours must be 1 to 72',
    );
    await expect(handleApiCall(context, 'selfLockPreview', { accountIds: [], until: { kind: 'time', at: '25:00' } })).rejects.toThrow(
      'selfLockPreview: invalid params at until.at: at must be a time of day as HH:MM (24-hour), such as 15:30',
    );
    await expect(handleApiCall(context, 'selfLock', { accountIds: [42], until: { kind: 'endOfDay' } })).rejects.toThrow(
      'Account 42 is not one Risk Warden guards',
    );
    expect(account().lockout).toBeNull();
  });
});
