/**
 * RULE-014 trailing_daily_loss through the real service against the simulator: an open gain raises
 * the day's high and the floor with it, a pullback to the floor flattens and locks until the reset,
 * the reset starts the high again at 0, and a kill -9 mid-day does not lower it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/contract';
import { tradingDayAt } from '../../src/main/schedule/trading-day';
import { startSimulator, type Simulator } from '../../src/main/sim/simulator';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, tempDir, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, Trader } from '../helpers/trader';
import { crash, startWarden, type Warden } from '../helpers/warden-process';

const chicago = { timezone: 'America/Chicago', resetTime: '17:00' };
const card = (account: Snapshot['accounts'][number] | undefined) => account?.rules.find((rule) => rule.ruleId === 'RULE-014');

describe('RULE-014 trailing_daily_loss in the service', () => {
  let harness: Harness | undefined;
  afterEach(async () => harness?.close());
  const account = () => harness!.service.snapshot().accounts[0]!;

  it('trails an open gain, flattens and locks at the floor, and starts again from 0 at the reset', async () => {
    const clock = new FakeClock(tradingDayAt(Date.now(), chicago).end - 60_000);
    harness = await startHarness({ config: config({ trailing_daily_loss: { distance: 500, measure: 'total' } }), clock });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(ES, 6000);
    await trader.buy(ES, 1); // $1.40 fees
    harness.sim.exchange.setPrice(ES, 6012); // +$600 open: the high is +$598.60, the floor +$98.60
    await eventually(() =>
      expect(card(account())?.summary).toBe('P&L (realized + open) +$598.60, floor +$98.60 (high +$598.60 − $500.00)'),
    );

    harness.sim.exchange.setPrice(ES, 6002.25); // +$111.10: a tick above the floor holds
    await eventually(() => expect(account().pnl.total).toBe(111.1));
    await harness.service.settled();
    expect(account().lockout).toBeNull();
    expect(harness.sim.exchange.openPositions(DEMO_ACCOUNT)).toHaveLength(1);

    harness.sim.exchange.setPrice(ES, 6002); // +$98.60: at the floor
    await eventually(() => expect(account().lockout).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-014' }));
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    await eventually(() => expect(account().positions).toEqual([]));
    await harness.service.settled();

    await clock.advance(61_000);
    expect(account().lockout).toBeNull();
    expect(card(account())?.summary).toBe('P&L (realized + open) $0.00, floor -$500.00 (high $0.00 − $500.00)');
  });

  it('RULE-015 profit_giveback arms once the day is up by activate_at and locks when half of the high is given back', async () => {
    harness = await startHarness({ config: config({ profit_giveback: { activate_at: 500, giveback_percent: 50 } }) });
    const giveback = () => account().rules.find((rule) => rule.ruleId === 'RULE-015');
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, ES, 6000, 6008); // +$397.20
    await eventually(() => expect(giveback()?.summary).toBe('Not armed yet: arms at +$500.00; realized high today +$397.20'));
    await trader.roundTrip(harness.sim, ES, 6000, 6004); // +$197.20: +$594.40, the floor +$297.20
    await eventually(() => expect(giveback()?.summary).toBe('Realized P&L +$594.40, floor +$297.20 (50% of the high +$594.40 given back)'));
    await trader.roundTrip(harness.sim, ES, 6000, 5994); // −$302.80: +$291.60
    await eventually(() => expect(account().lockout).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-015' }));
  });
});

describe('RULE-014 trailing_daily_loss across a kill -9', () => {
  let sim: Simulator | undefined;
  const running: Warden[] = [];
  afterEach(async () => {
    for (const warden of running.splice(0)) await crash(warden);
    await sim?.close();
  });

  it('keeps the day\u2019s high of an open gain that no fill records, so the floor is not lowered by the restart', async () => {
    sim = await startSimulator({ randomWalk: false });
    const dataDir = tempDir();
    const rules = 'rules:\n  trailing_daily_loss: { distance: 500, measure: total }\n';
    const first = await startWarden(sim, dataDir, rules);
    running.push(first);
    const trader = await Trader.login(sim);
    sim.exchange.setPrice(ES, 6000);
    await trader.buy(ES, 1);
    sim.exchange.setPrice(ES, 6012);
    await eventually(async () => expect(card((await first.status()).accounts[0])?.summary).toContain('high +$598.60'));

    await crash(first);
    sim.exchange.setPrice(ES, 6008); // +$398.60 while Risk Warden is down
    const second = await startWarden(sim, dataDir, rules);
    running.push(second);
    await eventually(async () =>
      expect(card((await second.status()).accounts[0])?.summary).toBe(
        'P&L (realized + open) +$398.60, floor +$98.60 (high +$598.60 − $500.00)',
      ),
    );
    expect((await second.status()).accounts[0]?.lockout).toBeNull();

    sim.exchange.setPrice(ES, 6002);
    await eventually(async () =>
      expect((await second.status()).accounts[0]?.lockout).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-014' }),
    );
    await eventually(() => expect(sim!.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
  });
});
