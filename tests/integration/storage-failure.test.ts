/**
 * The real service and simulator with a database that refuses for real, on the service's own
 * connection: a disk that fills up during the day (PRAGMA max_page_count at the pages it has:
 * SQLITE_FULL as soon as a write needs one more), and a file whose pages are overwritten under it
 * (SQLITE_CORRUPT). Enforcement goes on from memory; the dashboard says what is wrong.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RiskService } from '../../src/main/service/risk-service';
import { tradingDayAt } from '../../src/main/schedule/trading-day';
import type { Db } from '../../src/main/store/database';
import { startSimulator, type Simulator } from '../../src/main/sim/simulator';
import { FakeClock } from '../helpers/fake-clock';
import { config, eventually, tempDir } from '../helpers/harness';
import { damage, fillDisk, freeDisk } from '../helpers/store';
import { DEMO_ACCOUNT, ES, MNQ, Trader } from '../helpers/trader';

const lossLimit = config({ daily_realized_loss: { limit: -500 } });
/** An hour or more before today's reset, so that the minutes a test moves on never reach it. */
const beforeTheReset = () =>
  new FakeClock(Math.min(Date.now(), tradingDayAt(Date.now(), { timezone: 'America/Chicago', resetTime: '17:00' }).end - 3_600_000));

let simulator: Simulator | undefined;
const services: RiskService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.stop().catch(() => undefined);
  await simulator?.close();
});

async function start(dataDir: string, clock: FakeClock): Promise<{ service: RiskService; db: Db }> {
  let db: Db | undefined;
  const service = new RiskService({
    credentials: { apiUrl: simulator!.url, rtcUrl: simulator!.url, username: 'risk-warden', apiKey: 'key' },
    mode: 'demo',
    config: lossLimit,
    dataDir,
    clock,
    backoffMs: [5, 10, 20],
    databaseOpened: (opened) => (db = opened),
  });
  services.push(service);
  await service.start();
  return { service, db: db! };
}

/** A simulator, the service over a fresh data folder an hour or more before the reset, and a trader logged in. */
async function serviceTrading() {
  const sim = await startSimulator({ randomWalk: false });
  simulator = sim;
  const dataDir = tempDir();
  const file = path.join(dataDir, 'riskwarden.db');
  const clock = beforeTheReset();
  const { service, db } = await start(dataDir, clock);
  const account = () => service.snapshot().accounts[0]!;
  const trader = await Trader.login(sim);
  return { sim, dataDir, file, clock, service, db, account, trader };
}

/** The locks in force as another reader of the file sees them: what a restart would find. */
function storedLocks(dataDir: string): { kind: string; rule_id: string }[] {
  const db = new Database(path.join(dataDir, 'riskwarden.db'), { readonly: true });
  try {
    return db.prepare('SELECT kind, rule_id FROM lockouts WHERE cleared_at IS NULL').all() as { kind: string; rule_id: string }[];
  } finally {
    db.close();
  }
}

function storedFills(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'riskwarden.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM fills').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('a database that refuses every write', () => {
  it('does not stop a loss-limit flatten: the position is closed at the broker, the lock holds in memory and the dashboard says why; writable again, the lock is written and survives a restart', async () => {
    const { sim, dataDir, clock, service, db, account, trader } = await serviceTrading();
    await trader.buy(MNQ, 2);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([2]));

    // The connection may no longer write (SQLITE_READONLY), as on a file system gone read-only.
    db.pragma('query_only = ON');
    await trader.roundTrip(sim, ES, 6000, 5988); // −600 realized: lock until the reset, flatten
    await eventually(() => expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    expect(account().lockout?.kind).toBe('untilReset');
    const [problem] = service.snapshot().problems;
    expect(problem).toMatchObject({ kind: 'storage', title: 'Database cannot be written' });
    expect(problem!.detail).toContain(
      `${path.join(dataDir, 'riskwarden.db')} is read-only to Risk Warden (SQLite: attempt to write a readonly database (SQLITE_READONLY))`,
    );
    expect(storedLocks(dataDir)).toEqual([]);

    // A minute of housekeeping retrying every second: nothing ends, the lock holds, a new position is closed.
    await clock.advance(60_000);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    expect(account().lockout?.kind).toBe('untilReset');
    expect(service.snapshot().problems.map((p) => p.title)).toEqual(['Database cannot be written']);

    db.pragma('query_only = OFF');
    await clock.advance(1000);
    expect(service.snapshot().problems).toEqual([]);
    expect(service.snapshot().timeline.map((e) => e.title)).toContainEqual(
      expect.stringMatching(/^Database written again — \d+ waiting records saved$/),
    );
    expect(storedLocks(dataDir)).toEqual([{ kind: 'untilReset', rule_id: 'RULE-003' }]);

    await service.stop();
    const restarted = await start(dataDir, clock);
    expect(restarted.service.snapshot().accounts[0]!.lockout?.kind).toBe('untilReset');
  });
});

describe('a disk that fills up during the day', () => {
  it('is shown with what to do while enforcement goes on, and cleared once there is room and what waited is written', async () => {
    const { sim, dataDir, file, clock, service, db, account, trader } = await serviceTrading();

    // The database cannot grow by one more page (SQLITE_FULL), and soon a fill needs one.
    fillDisk(db);
    for (let trips = 1; storedFills(dataDir) === 2 * (trips - 1); trips++) {
      expect(trips).toBeLessThan(200);
      await trader.roundTrip(sim, MNQ, 21000, 21000);
      await eventually(() => expect(account().pnl.fees).toBeCloseTo(0.74 * trips));
    }
    const [problem] = service.snapshot().problems;
    expect(problem).toMatchObject({ kind: 'storage', title: 'Database cannot be written' });
    expect(problem!.detail).toMatch(
      new RegExp(
        `^${escape(file)}: the disk is full \\(SQLite: database or disk is full \\(SQLITE_FULL\\)\\)\\. Enforcement goes on from memory.* Free disk space`,
      ),
    );

    await trader.buy(MNQ, 2);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([2]));
    await trader.roundTrip(sim, ES, 6000, 5988);
    await eventually(() => expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    expect(account().lockout?.kind).toBe('untilReset');

    freeDisk(db);
    await clock.advance(1000);
    expect(service.snapshot().problems).toEqual([]);
    expect(storedLocks(dataDir)).toEqual([{ kind: 'untilReset', rule_id: 'RULE-003' }]);
    expect(storedFills(dataDir)).toBe(account().tradeCount * 2);
  });
});

describe('a database damaged under the running service', () => {
  it('goes on enforcing from memory, shows "Database damaged" with the file and what to do, keeps its tick and stops cleanly', async () => {
    const { sim, file, clock, service, db, account, trader } = await serviceTrading();
    await trader.roundTrip(sim, MNQ, 21000, 21000);
    await eventually(() => expect(account().tradeCount).toBeGreaterThan(0));
    // Everything in the file, then the head the store writes after its sealed writes, then the damage.
    db.pragma('wal_checkpoint(TRUNCATE)');
    await new Promise((resolve) => setImmediate(resolve));
    damage(file);

    await trader.buy(MNQ, 2);
    await eventually(() => expect(account().positions.map((p) => p.size)).toEqual([2]));
    await trader.roundTrip(sim, ES, 6000, 5988);
    await eventually(() => expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    expect(account().lockout?.kind).toBe('untilReset');
    const [problem] = service.snapshot().problems;
    expect(problem).toMatchObject({ kind: 'storage', title: 'Database damaged' });
    expect(problem!.detail).toContain(`${file} is damaged (SQLite: database disk image is malformed (SQLITE_CORRUPT))`);
    expect(problem!.detail).toContain('move riskwarden.db with its -wal and -shm files and riskwarden.head aside');

    // Every step of the tick meets the damaged file, the WAL checkpoint included; the tick goes on.
    await clock.advance(31_000);
    await trader.buy(MNQ, 1); // while locked: closed
    await eventually(() => expect(sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    expect(account().lockout?.kind).toBe('untilReset');
    await expect(service.stop()).resolves.toBeUndefined();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
