/**
 * A loosening held until the reset stays held when Risk Warden starts again the same trading day:
 * max_contracts 5 → 50 is shown "held until reset"; started again with the file saying 50, the limit
 * is still 5 and a 6th contract is closed. Nothing is written at stop, so a kill -9 leaves the same
 * store (tests/security/config-file.probes.test.ts does it with a real kill -9).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDayAt } from '../../src/main/schedule/trading-day';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, startHarness, tempDir, type Harness } from '../helpers/harness';
import { DEMO_ACCOUNT, MNQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());
const maxContracts = () => harness!.service.snapshot().accounts[0]!.rules.find((r) => r.ruleId === 'RULE-001')!;
const openPositions = () => harness!.sim.exchange.openPositions(DEMO_ACCOUNT);

const FIVE = config({ max_contracts: { limit: 5 } });
const FIFTY = config({ max_contracts: { limit: 50 } });

/** Running with max_contracts 5, the trader saves 50: held until the reset. */
async function loosenWhileRunning(clock: FakeClock): Promise<void> {
  harness = await startHarness({ config: FIVE, clock });
  const file = path.join(tempDir(), 'risk-config.yaml');
  fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 50 }\n');
  harness.service.applyConfigFile(file);
  expect(harness.service.snapshot().config.pendingAtReset).toEqual(['Max contracts: 5 → 50 at the daily reset']);
  expect(maxContracts().limit).toBe(5);
}

describe('a held loosening across a restart', () => {
  it('is still held after a restart the same trading day, and a 6th contract is closed', async () => {
    const clock = new FakeClock(Date.now());
    await loosenWhileRunning(clock);
    await harness!.restart({ config: FIFTY });
    expect(maxContracts().limit).toBe(5);
    expect(harness!.service.snapshot().config.pendingAtReset).toEqual(['Max contracts: 5 → 50 at the daily reset']);
    expect(harness!.service.snapshot().timeline.map((e) => e.title)).toContain('Config loosenings still held until the daily reset');
    const trader = await Trader.login(harness!.sim);
    await trader.buy(MNQ, 6);
    await eventually(() => expect(openPositions()).toEqual([]));
  });

  it('comes into force at the reset after the restart', async () => {
    const clock = new FakeClock(Date.now());
    await loosenWhileRunning(clock);
    await harness!.restart({ config: FIFTY });
    const { end } = tradingDayAt(clock.now(), { timezone: 'America/Chicago', resetTime: '17:00' });
    await clock.advance(end - clock.now() + 1000);
    expect(maxContracts().limit).toBe(50);
    expect(harness!.service.snapshot().config.pendingAtReset).toEqual([]);
  });

  it('applies whole when Risk Warden was stopped across the reset', async () => {
    const clock = new FakeClock(Date.now());
    await loosenWhileRunning(clock);
    await harness!.service.stop();
    clock.set(tradingDayAt(clock.now(), { timezone: 'America/Chicago', resetTime: '17:00' }).end + 1000);
    await harness!.restart({ config: FIFTY });
    expect(maxContracts().limit).toBe(50);
    expect(harness!.service.snapshot().config.pendingAtReset).toEqual([]);
  });

  it('applies a tightening made while stopped at once', async () => {
    const clock = new FakeClock(Date.now());
    await loosenWhileRunning(clock);
    await harness!.restart({ config: config({ max_contracts: { limit: 3 } }) });
    expect(maxContracts().limit).toBe(3);
    expect(harness!.service.snapshot().config.pendingAtReset).toEqual([]);
  });
});
