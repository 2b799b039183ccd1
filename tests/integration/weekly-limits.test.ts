/**
 * The weekly limits through the real service against the simulator, on a fake clock walking through
 * the week of Mon Feb 1 2027: the week's figure adds up across days from the store, a lock holds
 * through daily resets and a restart, and the Sunday reset starts the week at zero.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ShiftableClock } from '../../src/main/schedule/shiftable-clock';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { ES, MNQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;
const rule = (ruleId: string) => account().rules.find((r) => r.ruleId === ruleId)!;

// Central Standard Time (UTC−6) all week. The week runs Sun Jan 31 5 PM CT → Sun Feb 7 5 PM CT.
const MONDAY_10AM = Date.parse('2027-02-01T16:00:00Z');
const TUESDAY_10AM = Date.parse('2027-02-02T16:00:00Z');
const WEDNESDAY_10AM = Date.parse('2027-02-03T16:00:00Z');
const SUNDAY_5PM = Date.parse('2027-02-07T23:00:00Z');
const WEEK_END = '2027-02-07T23:00:00.000Z';

/** A clock that starts at `start` and runs on in real time; its timers (the housekeeping tick) are real ones. */
function clockFrom(start: number): ShiftableClock {
  const base = Date.now();
  return new ShiftableClock(() => start + (Date.now() - base));
}

/** Jumps to `at`: the housekeeping tick due by then runs there (a daily reset, a lock's end). */
async function moveTo(clock: ShiftableClock, at: number): Promise<void> {
  clock.advance(at - clock.now());
  await harness!.service.settled();
}

describe('RULE-016 weekly_loss_limit in the service', () => {
  it('adds Monday’s and Tuesday’s losses, locks Tuesday until Sunday 5 PM CT through the daily reset and a restart, and starts again at zero on Sunday', async () => {
    const clock = clockFrom(MONDAY_10AM);
    harness = await startHarness({ config: config({ weekly_loss_limit: { limit: -1000 } }), clock });
    const trader = await Trader.login(harness.sim);

    // ES 6000 → 5990: −500 and $2.80 fees a round trip.
    await trader.roundTrip(harness.sim, ES, 6000, 5990);
    await eventually(() => expect(account().pnl.realized).toBe(-502.8));
    await harness.service.settled();
    expect(rule('RULE-016').value).toBe(-502.8);
    expect(account().lockout).toBeNull();

    await moveTo(clock, TUESDAY_10AM);
    expect(account().pnl.realized).toBe(0);
    expect(rule('RULE-016')).toMatchObject({ value: -502.8, summary: expect.stringContaining('Week so far -$502.80 (today $0.00)') });

    await trader.roundTrip(harness.sim, ES, 6000, 5990);
    await eventually(() => expect(account().lockout).toMatchObject({ kind: 'untilWeeklyReset', ruleId: 'RULE-016', until: WEEK_END }));
    expect(account().lockout?.untilText).toMatch(/^Sun Feb 7, 5:00 PM CT/);
    expect(rule('RULE-016').value).toBe(-1005.6);

    await moveTo(clock, WEDNESDAY_10AM);
    expect(account().pnl.realized).toBe(0);
    expect(account().lockout).toMatchObject({ kind: 'untilWeeklyReset', until: WEEK_END });
    expect(rule('RULE-016').value).toBe(-1005.6);

    await harness.restart();
    expect(account().lockout).toMatchObject({ kind: 'untilWeeklyReset', until: WEEK_END });
    expect(rule('RULE-016').value).toBe(-1005.6);

    await moveTo(clock, SUNDAY_5PM);
    expect(account().lockout).toBeNull();
    expect(rule('RULE-016')).toMatchObject({ value: 0, state: 'ok' });
    expect(harness.service.snapshot().timeline.map((e) => e.title)).toContain('Lock ended: the new trading week started');
  });
});

describe('RULE-017 weekly_trade_limit in the service', () => {
  it('counts Monday’s trades into Tuesday’s: the trade that goes over the week’s limit locks until Sunday', async () => {
    const clock = clockFrom(MONDAY_10AM);
    harness = await startHarness({ config: config({ weekly_trade_limit: { limit: 2 } }), clock });
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, MNQ, 21000, 21001);
    await trader.roundTrip(harness.sim, MNQ, 21001, 21002);
    await eventually(() => expect(account().tradeCount).toBe(2));
    await harness.service.settled();
    expect(account().lockout).toBeNull();

    await moveTo(clock, TUESDAY_10AM);
    expect(rule('RULE-017')).toMatchObject({ value: 2, limit: 2 });
    await trader.roundTrip(harness.sim, MNQ, 21002, 21003);
    await eventually(() => expect(account().lockout).toMatchObject({ kind: 'untilWeeklyReset', ruleId: 'RULE-017', until: WEEK_END }));
    expect(harness.service.snapshot().timeline.map((e) => e.detail)).toContain('3 trades this week, limit 2');
  });
});
