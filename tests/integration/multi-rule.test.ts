import { afterEach, describe, expect, it } from 'vitest';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, MES, MNQ, NQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const account = () => harness!.service.snapshot().accounts[0]!;
/** The rule each enforcement entry names after its colon: "Closed MNQ (2 contracts): daily realized loss". */
const enforcementRules = () =>
  harness!.service
    .snapshot()
    .timeline.filter((e) => e.kind === 'enforcement')
    .map((e) => e.title.split(': ').at(-1));

describe('one event breaking two rules', () => {
  it('records both breaches and lets the lockout win over the per-position close', async () => {
    harness = await startHarness({
      config: config({ daily_unrealized_loss: { limit: -300 }, daily_realized_loss: { limit: -500, include_unrealized: true } }),
    });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(NQ, 21000);
    await trader.buy(NQ, 2);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([2]));
    harness.sim.exchange.setPrice(NQ, 20987.25); // one quote: 2 × 51 ticks × $5 = −510 open, past both −300 and −500
    await eventually(() => expect(account().lockout).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-003' }));
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    await harness.service.settled();
    const breaches = harness.service
      .snapshot()
      .timeline.filter((e) => e.kind === 'breach')
      .map((e) => e.title);
    expect(breaches).toEqual(expect.arrayContaining(['Open loss per position broken', 'Daily loss (realized + unrealized) broken']));
    expect(enforcementRules()).toEqual(['daily loss (realized + unrealized)']);
  });

  it('closes a position once when a size limit and a symbol block both want it closed', async () => {
    harness = await startHarness({ config: config({ max_contracts: { limit: 2 }, symbol_blocks: { blocked_symbols: ['MES'] } }) });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MES, 3);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    await harness.service.settled();
    const breaches = harness.service
      .snapshot()
      .timeline.filter((e) => e.kind === 'breach')
      .map((e) => e.title);
    expect(breaches).toEqual(expect.arrayContaining(['Max contracts broken', 'Blocked symbols broken']));
    expect(harness.sim.calls['Position/closeContract']).toBe(1);
    // The block's cancel of the entry order finds it filled; Risk Warden's own close order is never cancelled.
    expect(harness.sim.calls['Order/cancel'] ?? 0).toBeLessThanOrEqual(1);
  });

  it('lets a cooldown flatten win over a per-position close, and blocks the next trade while it lasts', async () => {
    harness = await startHarness({
      config: config({
        trade_frequency_limit: { limits: { per_minute: 1 }, cooldowns: { per_minute: '60s' } },
        max_contracts: { limit: 1 },
      }),
    });
    const trader = await Trader.login(harness.sim);
    harness.sim.exchange.setPrice(MNQ, 21000);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(account().tradeCount).toBe(1));
    await trader.buy(NQ, 1); // a second trade inside the minute, and 2 contracts open against a limit of 1
    await eventually(() => expect(account().lockout).toMatchObject({ kind: 'cooldown', ruleId: 'RULE-006' }));
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    await harness.service.settled();
    expect(new Set(enforcementRules())).toEqual(new Set(['trade frequency']));
  });
});
