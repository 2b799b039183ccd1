import { afterEach, describe, expect, it } from 'vitest';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, MES, MNQ, NQ, Trader } from '../helpers/trader';

const guarded = config({ max_contracts: { limit: 5 }, daily_realized_loss: { limit: -500 } });
let harness: Harness | undefined;
afterEach(async () => harness?.close());

const account = () => harness!.service.snapshot().accounts[0]!;
const timelineTitles = () => harness!.service.snapshot().timeline.map((e) => e.title);

describe('max contracts (RULE-001), the seed scenario', () => {
  it('closes a 6-lot MNQ with limit 5: breach and enforcement recorded, close requested exactly once', async () => {
    harness = await startHarness({ config: guarded });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 6);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    await harness.service.settled();
    expect(harness.sim.calls['Position/closeContract']).toBe(1);
    expect(timelineTitles()).toEqual(expect.arrayContaining(['Max contracts broken', 'Closed MNQ (6 contracts): max contracts']));
    await eventually(() => expect(account().positions).toEqual([]));
    expect(account().rules.find((r) => r.ruleId === 'RULE-001')).toMatchObject({ value: 0, breached: false });
    expect(account().rules.find((r) => r.ruleId === 'RULE-001')?.lastBreachAt).not.toBeNull();
    expect(account().lockout).toBeNull();
  });

  it('leaves 5 contracts alone', async () => {
    harness = await startHarness({ config: guarded });
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 5);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([5]));
    await harness.service.settled();
    expect(harness.sim.calls['Position/closeContract']).toBeUndefined();
  });
});

describe('daily loss across symbols (RULE-003), the seed scenario', () => {
  it('holds at −450, breaks at −550: flattens every symbol, cancels orders, locks until reset and rejects new trades', async () => {
    harness = await startHarness({ config: config({ daily_realized_loss: { limit: -500 } }) });
    const sim = harness.sim;
    const trader = await Trader.login(sim);
    await trader.roundTrip(sim, MNQ, 21000, 20900); // −200 (+0.74 fees)
    await trader.roundTrip(sim, NQ, 21000, 20987.5); // −250 (+2.80 fees)
    await trader.buy(MES, 2);
    sim.exchange.setPrice(NQ, 21000);
    await trader.buy(NQ, 1);
    await trader.limitBuy(ES, 1, 5900);
    // −450 gross; fees of every fill count, the still-open MES and NQ entries too: 0.74 + 2.80 + 0.74 + 1.40.
    await eventually(() => expect(account().pnl.realized).toBe(-455.68));
    expect(account().lockout).toBeNull();

    await trader.roundTrip(sim, ES, 6000, 5998); // −100 (+2.80 fees) → −556.34
    await eventually(() => expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    await eventually(() => expect(sim.exchange.openOrders(DEMO_ACCOUNT)).toEqual([]));
    await eventually(() =>
      expect(account().lockout).toMatchObject({
        kind: 'untilReset',
        ruleId: 'RULE-003',
        until: harness!.service.snapshot().tradingDay.nextReset,
      }),
    );
    expect(account().pnl.realized).toBeLessThan(-500);

    await trader.buy(MNQ, 1);
    await eventually(() => expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    await harness.service.settled();
    const rejected = harness.service
      .snapshot()
      .timeline.filter((e) => e.kind === 'enforcement' && e.detail?.startsWith('Not allowed while the account is locked'));
    expect(rejected.map((e) => e.title)).toContain('Closed MNQ (1 contract): daily realized loss');
  });

  it('keeps the lock across a restart and closes a position opened while Risk Warden was down', async () => {
    harness = await startHarness({ config: config({ daily_realized_loss: { limit: -500 } }) });
    const trader = await Trader.login(harness.sim);
    await trader.roundTrip(harness.sim, ES, 6000, 5988); // −600
    await eventually(() => expect(account().lockout?.kind).toBe('untilReset'));
    await harness.service.stop();
    await trader.buy(NQ, 1);
    expect(harness.sim.exchange.openPositions(DEMO_ACCOUNT)).toHaveLength(1);
    await harness.restart();
    expect(account().lockout).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-003' });
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    const trades = harness.sim.exchange.tradesOf(DEMO_ACCOUNT, 0);
    expect(trades).toHaveLength(4);
    await eventually(() =>
      expect(account().pnl.realized).toBeCloseTo(
        trades.reduce((sum, t) => sum + (t.profitAndLoss ?? 0) - t.fees, 0),
        2,
      ),
    );
  });
});
