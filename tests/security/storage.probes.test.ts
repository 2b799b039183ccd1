/**
 * The database probed as bad luck would: its file damaged under the running web host (a failing
 * disk, another program writing into it). Before, the first write after the damage threw out of
 * the event and out of the once-a-second tick, and the process ended with SQLITE_CORRUPT.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually, tempDir } from '../helpers/harness';
import { damage } from '../helpers/store';
import { DEMO_ACCOUNT, ES, MNQ, Trader } from '../helpers/trader';
import { LIVE_KEY, liveGateway, snapshot, start, type Running } from './warden-instances';

const gateway = liveGateway();

const alive = (instance: Running) => instance.child.exitCode === null && instance.child.signalCode === null;

describe('a database damaged under the running web host', () => {
  it('keeps the process up and enforcing: the flatten goes out, the account stays locked and the dashboard says "Database damaged"', async () => {
    gateway.simulator().exchange.reset();
    const dir = path.join(tempDir('rw-storage-'), 'live');
    const file = path.join(dir, 'riskwarden.db');
    const running = await start(gateway.args(dir), LIVE_KEY);
    const trader = await Trader.login(gateway.simulator());
    gateway.simulator().exchange.setPrice(MNQ, 21000);
    await trader.buy(MNQ, 2);
    await eventually(async () => expect((await snapshot(running)).accounts[0]!.positions.map((p) => p.size)).toEqual([2]));

    damage(file, { wal: true });
    const damagedAt = Date.now();
    await trader.roundTrip(gateway.simulator(), ES, 6000, 5988); // −600 realized: lock until the reset, flatten
    await eventually(() => expect(gateway.simulator().exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    const shown = await snapshot(running);
    expect(shown.accounts[0]!.lockout).toMatchObject({ ruleId: 'RULE-003', kind: 'untilReset' });
    expect(shown.problems).toEqual([
      expect.objectContaining({
        kind: 'storage',
        title: 'Database damaged',
        detail: expect.stringContaining(`${file} is damaged (SQLite: database disk image is malformed (SQLITE_CORRUPT))`),
      }),
    ]);

    // The once-a-second tick meets the damaged file on every step; the process stays up through several.
    await eventually(() => {
      expect(alive(running)).toBe(true);
      expect(Date.now() - damagedAt).toBeGreaterThan(3000);
    }, 8000);
    await trader.buy(MNQ, 1); // while locked: closed
    await eventually(() => expect(gateway.simulator().exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    expect((await snapshot(running)).connection.state).toBe('live');
    expect(alive(running)).toBe(true);
  });
});
