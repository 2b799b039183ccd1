import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launch, type Launched } from '../../src/main/service/launch';
import { tradingDayAt } from '../../src/main/schedule/trading-day';
import { FakeClock } from '../helpers/fake-clock';
import { eventually, tempDir } from '../helpers/harness';
import { DEMO_ACCOUNT, MNQ, Trader } from '../helpers/trader';

let launched: Launched | undefined;
afterEach(async () => launched?.stop());

async function start(yaml: string, clock?: FakeClock) {
  const dataDir = tempDir();
  const file = path.join(dataDir, 'risk-config.yaml');
  fs.writeFileSync(file, yaml);
  launched = await launch({ gateway: null, configFile: file, dataDir, randomWalk: false, configPollMs: 20, ...(clock ? { clock } : {}) });
  const rule = (id: string) => launched!.service.snapshot().accounts[0]!.rules.find((r) => r.ruleId === id);
  return { file, rule, snapshot: () => launched!.service.snapshot() };
}

describe('config hot reload', () => {
  it('applies a tightening at once, without a restart', async () => {
    const { file, rule } = await start('rules:\n  max_contracts: { limit: 5 }\n');
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 2 }\n  symbol_blocks: { blocked_symbols: [CL] }\n');
    await eventually(() => expect(rule('RULE-001')?.limit).toBe(2));
    expect(rule('RULE-011')).toBeDefined();
    const trader = await Trader.login(launched!.simulator!);
    await trader.buy(MNQ, 3);
    await eventually(() => expect(launched!.simulator!.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
  });

  it('refuses an invalid edit with the key, the value and the reason, and keeps the previous config', async () => {
    const { file, rule, snapshot } = await start('rules:\n  max_contracts: { limit: 5 }\n');
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: -1 }\n');
    await eventually(() => expect(snapshot().config.error).toBe('risk-config.yaml: rules.max_contracts.limit must be at least 1, got -1'));
    expect(rule('RULE-001')?.limit).toBe(5);
    expect(snapshot().timeline.map((e) => e.title)).toContain('Config change refused: the previous config stays in force');
    expect(snapshot().config.errorSummary).toBe('risk-config.yaml: rules.max_contracts.limit must be at least 1, got -1');
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 4 }\n');
    await eventually(() => expect(snapshot().config.error).toBeNull());
    expect(rule('RULE-001')?.limit).toBe(4);
  });

  it('refuses a half-written file (an editor caught mid-save) and applies it once it is whole', async () => {
    const { file, rule, snapshot } = await start('rules:\n  max_contracts: { limit: 5 }\n');
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 3');
    await eventually(() => expect(snapshot().config.error).toMatch(/^risk-config\.yaml/));
    expect(rule('RULE-001')?.limit).toBe(5);
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 3 }\n');
    await eventually(() => expect(rule('RULE-001')?.limit).toBe(3));
    expect(snapshot().config.error).toBeNull();
  });

  it('applies a mixed edit in part: the tightening at once, the loosening held until the next reset, and says so', async () => {
    const { file, rule, snapshot } = await start('rules:\n  max_contracts: { limit: 5 }\n  daily_realized_loss: { limit: -500 }\n');
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 4 }\n  daily_realized_loss: { limit: -2000 }\n');
    await eventually(() =>
      expect(snapshot().config.pendingAtReset).toEqual(['Daily realized loss: -$500.00 → -$2,000.00 at the daily reset']),
    );
    expect(rule('RULE-001')?.limit).toBe(4);
    expect(rule('RULE-003')?.limit).toBe(-500);
  });

  it('puts the held loosening in force at the daily reset', async () => {
    const clock = new FakeClock(tradingDayAt(Date.now(), { timezone: 'America/Chicago', resetTime: '17:00' }).end - 3000);
    const { file, rule, snapshot } = await start('rules:\n  daily_realized_loss: { limit: -500 }\n', clock);
    fs.writeFileSync(file, 'rules:\n  daily_realized_loss: { limit: -2000 }\n');
    await eventually(() => expect(snapshot().config.pendingAtReset).toHaveLength(1));
    await clock.advance(4000);
    expect(rule('RULE-003')?.limit).toBe(-2000);
    expect(snapshot().config.pendingAtReset).toEqual([]);
    expect(snapshot().timeline.map((e) => e.title)).toContain('Held config changes now in force');
  });
});
