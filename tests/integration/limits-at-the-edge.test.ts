/**
 * The daily limits at the cent, and trades counted as the firm counts them, through the real
 * service against the simulator: reaching a limit locks, one cent short of it does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, MNQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;

/** Trades one ES round trip, waits until the service has booked it, and returns the lock it left. */
async function roundTripThenLock(rules: Record<string, unknown>, exit: number, realized: number) {
  harness = await startHarness({ config: config(rules) });
  const trader = await Trader.login(harness.sim);
  await trader.roundTrip(harness.sim, ES, 6000, exit);
  await eventually(() => expect(account().pnl.realized).toBe(realized));
  await harness.service.settled();
  return account().lockout;
}

describe('RULE-003 daily_realized_loss at the limit, in the service', () => {
  // ES 6000 → 5988: −600 and $2.80 fees, −602.80 realized.
  it.each([
    { limit: -602.81, locked: false }, // one cent short of the limit
    { limit: -602.8, locked: true }, // exactly at the limit
    { limit: -602.79, locked: true }, // one cent past it
  ])('realized −602.80 against limit $limit → locked until reset: $locked', async ({ limit, locked }) => {
    const lock = await roundTripThenLock({ daily_realized_loss: { limit } }, 5988, -602.8);
    if (locked) expect(lock).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-003' });
    else expect(lock).toBeNull();
  });
});

describe('RULE-013 daily_realized_profit at the target, in the service', () => {
  // ES 6000 → 6008: +400 and $2.80 fees, +397.20 realized.
  it.each([
    { target: 397.21, locked: false }, // one cent short of the target
    { target: 397.2, locked: true }, // exactly at the target
    { target: 397.19, locked: true }, // one cent past it
  ])('realized +397.20 against target $target → locked until reset: $locked', async ({ target, locked }) => {
    const lock = await roundTripThenLock({ daily_realized_profit: { target } }, 6008, 397.2);
    if (locked) expect(lock).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-013' });
    else expect(lock).toBeNull();
  });
});

describe('RULE-006 count: executions, in the service', () => {
  it.each([
    { count: 'entries', locked: false },
    { count: 'executions', locked: true },
  ])('two round trips against 3 a minute, counting $count → cooldown: $locked', async ({ count, locked }) => {
    harness = await startHarness({ config: config({ trade_frequency_limit: { count, limits: { per_minute: 3 } } }) });
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, MNQ, 21000, 21001);
    await trader.roundTrip(harness.sim, MNQ, 21001, 21002); // the 4th execution is this exit
    await eventually(() => expect(harness!.sim.exchange.tradesOf(DEMO_ACCOUNT, 0)).toHaveLength(4));
    await eventually(() => expect(account().tradeCount).toBe(2));
    await harness.service.settled();
    if (locked) {
      await eventually(() => expect(account().lockout).toMatchObject({ kind: 'cooldown', ruleId: 'RULE-006' }));
      expect(harness.service.snapshot().timeline.map((e) => e.detail)).toContain('4 executions in a minute, limit 3');
    } else {
      expect(account().lockout).toBeNull();
    }
  });
});
