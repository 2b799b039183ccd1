import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { PositionType } from '../../src/main/gateway/wire';
import { RiskService } from '../../src/main/service/risk-service';
import { StoreError } from '../../src/main/store/database';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { startSimulator, type Simulator } from '../../src/main/sim/simulator';
import { config, eventually, tempDir } from '../helpers/harness';
import { DEMO_ACCOUNT, ES, MNQ, NQ, Trader } from '../helpers/trader';
import { crash, startWarden, type Warden } from '../helpers/warden-process';

const RULES = `rules:
  max_contracts: { limit: 5 }
  daily_realized_loss: { limit: -500 }
  trade_frequency_limit: { limits: { per_session: 50 } }
`;

let sim: Simulator;
const running: Warden[] = [];
afterEach(async () => {
  for (const w of running.splice(0)) await crash(w);
  await sim?.close();
});

describe('restart and crash recovery', () => {
  it('after kill -9, P&L, trade count, positions and lock state are what they were (seed scenario)', async () => {
    sim = await startSimulator({ randomWalk: false });
    const dataDir = tempDir();
    const first = await startWarden(sim, dataDir, RULES);
    running.push(first);
    const trader = await Trader.login(sim);
    for (let i = 0; i < 10; i++) await trader.roundTrip(sim, MNQ, 21000, 20987.5); // −25 each
    await trader.roundTrip(sim, MNQ, 21000, 20975); // −50: −300 gross over 11 trades
    await trader.buy(MNQ, 2); // the 12th trade, left open
    await eventually(async () => expect((await first.status()).accounts[0]!.tradeCount).toBe(12));
    await eventually(async () => expect((await first.status()).accounts[0]!.positions.map((p) => p.size)).toEqual([2]));
    const before = (await first.status()).accounts[0]!;
    expect(before.pnl.realized).toBeCloseTo(-300 - 24 * 0.37, 2); // 22 fills of 1 and one of 2, $0.37 each
    expect(before.rules.map((r) => r.ruleId)).toEqual(['RULE-001', 'RULE-003', 'RULE-006']);

    await crash(first);
    const second = await startWarden(sim, dataDir, RULES);
    running.push(second);
    const after = (await second.status()).accounts[0]!;
    expect({
      pnl: after.pnl.realized,
      trades: after.tradeCount,
      lockout: after.lockout,
      positions: after.positions.map((p) => [p.contractId, p.size, p.averagePrice]),
    }).toEqual({
      pnl: before.pnl.realized,
      trades: 12,
      lockout: null,
      positions: sim.exchange
        .openPositions(DEMO_ACCOUNT)
        .map((p) => [p.contractId, p.type === PositionType.Long ? p.size : -p.size, p.averagePrice]),
    });
  });

  it('keeps a lock through kill -9 and closes at once a position opened while it was down', async () => {
    sim = await startSimulator({ randomWalk: false });
    const dataDir = tempDir();
    const first = await startWarden(sim, dataDir, RULES);
    running.push(first);
    const trader = await Trader.login(sim);
    await trader.roundTrip(sim, ES, 6000, 5988); // −600
    await eventually(async () => expect((await first.status()).accounts[0]!.lockout?.kind).toBe('untilReset'));
    await crash(first);

    await trader.buy(NQ, 1);
    expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toHaveLength(1);
    const second = await startWarden(sim, dataDir, RULES);
    running.push(second);
    expect((await second.status()).accounts[0]!.lockout).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-003' });
    await eventually(() => expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
  });
});

describe('a database Risk Warden cannot use', () => {
  const serviceOn = (dataDir: string) =>
    new RiskService({
      credentials: { apiUrl: sim.url, rtcUrl: sim.url, username: 'trader', apiKey: 'key' },
      mode: 'demo',
      config: config({}),
      dataDir,
    });

  it.each([
    [
      'a damaged file',
      (file: string) => fs.writeFileSync(file, Buffer.alloc(8192, 0x5a)),
      /riskwarden\.db is not a Risk Warden database or is damaged \(file is not a database\); the file was left untouched/,
    ],
    [
      'a newer schema',
      (file: string) => {
        const future = new Database(file);
        future.pragma(`user_version = ${MIGRATIONS.length + 5}`);
        future.close();
      },
      /has schema version \d+, newer than this Risk Warden understands .*the file was left untouched/,
    ],
  ])('refuses %s with a clear error and keeps the file as it was', async (_what, prepare, message) => {
    sim = await startSimulator();
    const dataDir = tempDir();
    const file = path.join(dataDir, 'riskwarden.db');
    prepare(file);
    const before = fs.readFileSync(file);
    expect(() => serviceOn(dataDir)).toThrow(StoreError);
    expect(() => serviceOn(dataDir)).toThrow(message);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
