import { afterEach, describe, expect, it } from 'vitest';
import { ShiftableClock } from '../../src/main/schedule/shiftable-clock';
import { tradingDayAt } from '../../src/main/schedule/trading-day';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, tempDir, type Harness } from '../helpers/harness';
import { openTestStore } from '../helpers/store';
import { DEMO_ACCOUNT, ES, MNQ, NQ, Trader } from '../helpers/trader';

const chicago = { timezone: 'America/Chicago', resetTime: '17:00' };
let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;

function auditOf(dataDir: string): { actor: string; action: string; detail: string | null }[] {
  const { db } = openTestStore(dataDir);
  const rows = db.prepare('SELECT actor, action, detail FROM audit_log ORDER BY id').all() as {
    actor: string;
    action: string;
    detail: string | null;
  }[];
  db.close();
  return rows;
}

describe('the daily reset (seed scenario)', () => {
  it('with −300 realized sets P&L and trade count to 0, ends the until-reset lock and records the reset', async () => {
    const clock = new FakeClock(tradingDayAt(Date.now(), chicago).end - 5000);
    harness = await startHarness({ config: config({ daily_realized_loss: { limit: -250 } }), clock });
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, ES, 6000, 5994); // −300 gross
    await eventually(() => expect(account().lockout?.kind).toBe('untilReset'));
    expect(account().tradeCount).toBe(1);
    expect(account().pnl.realized).toBe(-302.8);

    await clock.advance(6000);
    expect(account().pnl).toMatchObject({ realized: 0, total: 0 });
    expect(account().tradeCount).toBe(0);
    expect(account().lockout).toBeNull();
    expect(harness.service.snapshot().timeline.map((e) => e.title)).toEqual(
      expect.arrayContaining(['Daily reset', 'Lock ended at the daily reset']),
    );
    await harness.service.stop();
    expect(auditOf(harness.dataDir).map((r) => `${r.actor} ${r.action}`)).toEqual(
      expect.arrayContaining(['schedule daily reset', 'schedule unlock']),
    );

    // Trading is allowed again: a new position stays open.
    await harness.restart();
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([1]));
    await harness.service.settled();
    expect(harness.sim.exchange.openPositions(DEMO_ACCOUNT)).toHaveLength(1);
  });

  it('applies a reset missed while Risk Warden was closed, and writes it to the audit log', async () => {
    const dataDir = tempDir();
    const day = tradingDayAt(Date.now(), chicago);
    const yesterday = new FakeClock(day.start - 3_600_000);
    harness = await startHarness({ config: config({ daily_realized_loss: { limit: -250 } }), clock: yesterday, dataDir });
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, ES, 6000, 5994);
    await eventually(() => expect(account().lockout?.kind).toBe('untilReset'));
    await harness.close();

    const today = new FakeClock(day.start + 3_600_000);
    harness = await startHarness({ config: config({ daily_realized_loss: { limit: -250 } }), clock: today, dataDir });
    expect(account().lockout).toBeNull();
    const resets = auditOf(dataDir).filter((r) => r.action === 'daily reset');
    expect(resets).toHaveLength(1);
    expect(resets[0]?.detail).toContain('missed while Risk Warden was closed');
  });
});

describe('the test clock (--test-clock)', () => {
  it('moves the trading day, not the gateway: a day later the token is not refreshed over and over and enforcement still acts', async () => {
    const clock = new ShiftableClock();
    harness = await startHarness({ config: config({ max_contracts: { limit: 5 } }), clock });
    clock.advance(24 * 3_600_000);
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(MNQ, 21000);
    await trader.buy(MNQ, 6);
    await eventually(() => expect(account().positions).toEqual([]));
    // The token is valid for 24 h of real time: nothing in this test needs Auth/validate.
    expect(harness.sim.calls['Auth/validate'] ?? 0).toBe(0);
  });
});

describe('dry run', () => {
  it('records and shows every decision and calls nothing', async () => {
    harness = await startHarness({
      config: config({ max_contracts: { limit: 5 }, daily_realized_loss: { limit: -250 } }, { enforcement: { mode: 'dry_run' } }),
    });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 6);
    await eventually(() =>
      expect(harness!.service.snapshot().timeline.map((e) => e.title)).toContain('Dry run: would close MNQ (6 contracts): max contracts'),
    );
    await trader.roundTrip(harness.sim, NQ, 21000, 20985);
    await eventually(() => expect(account().lockout?.kind).toBe('untilReset'));
    await harness.service.settled();
    expect(harness.sim.calls['Position/closeContract']).toBeUndefined();
    expect(harness.sim.calls['Order/cancel']).toBeUndefined();
    expect(harness.sim.exchange.openPositions(DEMO_ACCOUNT).map((p) => p.size)).toEqual([6]);
    expect(harness.service.snapshot().enforcementMode).toBe('dry_run');
  });
});
