/**
 * A seeded, randomized soak: orders, price moves and faults interleaved for about 40 s, after
 * which Risk Warden's positions and realized P&L must equal the simulator's books. Then the time
 * from a socket drop (with a fill in the gap) to reconciled state is measured. Figures go to
 * test-results/soak.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_CONTRACTS } from '../../src/main/sim/contracts';
import { applyFaults } from '../../src/main/sim/simulator';
import { config, eventually, startHarness, type Harness } from '../helpers/harness';
import { believed, expectedFrom, simState } from '../helpers/sim-state';
import { Trader } from '../helpers/trader';
import { seededRandom } from '../../src/main/sim/seeded-random';

const SEED = Number(process.env.RW_SOAK_SEED ?? 20261124);
const SOAK_MS = Number(process.env.RW_SOAK_MS ?? 40_000);

let harness: Harness | undefined;
afterEach(async () => harness?.close());

describe('randomized soak', () => {
  it(`ends with positions and realized P&L equal to the simulator's (seed ${SEED})`, { timeout: SOAK_MS + 240_000 }, async () => {
    let published = 0;
    harness = await startHarness({
      config: config({ max_contracts: { limit: 8 } }),
      sim: { observer: { published: () => void published++ } },
    });
    const { sim } = harness;
    const next = seededRandom(SEED);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const trader = await Trader.login(sim);
    const counts = { orders: 0, prices: 0, faults: 0, rejected: 0 };
    const started = Date.now();
    while (Date.now() - started < SOAK_MS) {
      const roll = next();
      const contract = pick(SIM_CONTRACTS);
      if (roll < 0.45) {
        const size = 1 + Math.floor(next() * 3);
        await (next() < 0.5 ? trader.buy(contract.id, size) : trader.sell(contract.id, size)).catch(() => counts.rejected++);
        counts.orders++;
      } else if (roll < 0.93) {
        sim.exchange.setPrice(contract.id, sim.exchange.price(contract.id)! + (Math.floor(next() * 9) - 4) * contract.tickSize);
        counts.prices++;
      } else {
        counts.faults++;
        const fault = pick(['drop', 'storm', 'latency', 'pause', 'resume'] as const);
        if (fault === 'drop') applyFaults(sim, { dropSockets: true });
        if (fault === 'storm')
          applyFaults(sim, {
            rest: {
              status: pick([429, 500] as const),
              count: 1 + Math.floor(next() * 3),
              endpoints: ['Position/closeContract', 'Position/searchOpen', 'Trade/search'],
            },
          });
        if (fault === 'latency') applyFaults(sim, { latencyMs: pick([0, 0, 5, 20]) });
        if (fault === 'pause' || fault === 'resume') applyFaults(sim, { pauseMarket: fault === 'pause' });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 15)));
    }
    sim.faults.clear();
    applyFaults(sim, { pauseMarket: false });
    await eventually(() => expect(harness!.service.snapshot().connection.state).toBe('live'), 30_000);
    await harness.service.settled();
    const expected = expectedFrom(await simState(sim));
    // The faults spend the 200-calls-a-minute budget: the last reconcile may wait for one window.
    await eventually(async () => expect(believed(harness!.service.snapshot())).toEqual(expectedFrom(await simState(sim))), 90_000);

    // The longest time from a dropped socket, with a fill in the gap, to reconciled state.
    const reconcileMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const dropped = Date.now();
      applyFaults(sim, { dropSockets: true });
      await trader.buy(SIM_CONTRACTS[i]!.id, 1);
      await eventually(async () => expect(believed(harness!.service.snapshot())).toEqual(expectedFrom(await simState(sim))), 70_000);
      reconcileMs.push(Date.now() - dropped);
    }
    const figures = {
      seed: SEED,
      soak_ms: SOAK_MS,
      sim_events_published: published,
      trader_orders: counts.orders,
      rejected_orders: counts.rejected,
      price_moves: counts.prices,
      faults: counts.faults,
      trades: (await simState(sim)).trades.length,
      realized_at_end: expected.realized,
      drop_to_reconciled_ms: reconcileMs,
      longest_drop_to_reconciled_ms: Math.max(...reconcileMs),
    };
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(path.join('test-results', 'soak.json'), JSON.stringify(figures, null, 2));
    console.log(`soak: ${JSON.stringify(figures)}`);
  });
});
