/**
 * The records that keep an account locked, probed as a trader on tilt would with a SQLite tool
 * and a file manager while Risk Warden is stopped: a lock cleared by hand and an override
 * inserted "until 2099", the write-ahead log deleted after kill -9, the database deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eventually, tempDir } from '../helpers/harness';
import { MNQ, Trader } from '../helpers/trader';
import { LIVE_KEY, liveGateway, query, refused, snapshot, start, stop, type Running } from './warden-instances';

const gateway = liveGateway();

/** A live instance whose account a $200 loss has locked until the reset. */
async function lockedInstance(): Promise<{ dir: string; running: Running; accountId: number }> {
  gateway.simulator().exchange.reset();
  const dir = path.join(tempDir('rw-records-'), 'live');
  const running = await start(gateway.args(dir), LIVE_KEY);
  const trader = await Trader.login(gateway.simulator());
  await trader.roundTrip(gateway.simulator(), MNQ, 21000, 20900);
  const locked = await eventually(async () => {
    const account = (await snapshot(running)).accounts.find((a) => a.lockout !== null);
    expect(account?.lockout).toMatchObject({ ruleId: 'RULE-003', kind: 'untilReset' });
    return account!;
  });
  return { dir, running, accountId: locked.id };
}

function edit(dir: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path.join(dir, 'riskwarden.db'));
  db.prepare(sql).run(...params);
  db.close();
}

describe('records edited while Risk Warden is stopped', () => {
  it('keeps the account locked after its lock was cleared by hand and an override inserted until 2099, and says so', async () => {
    const { dir, running, accountId } = await lockedInstance();
    await stop(running);
    edit(dir, `UPDATE lockouts SET cleared_at = '2026-11-24T15:01:00.000Z', cleared_by = 'admin'`);
    edit(
      dir,
      `INSERT INTO admin_overrides (account_id, rule_id, granted_at, until, reason) VALUES (?, 'RULE-003', '2026-11-24T15:02:00.000Z', '2099-01-01T00:00:00.000Z', 'me')`,
      accountId,
    );

    const again = await start(gateway.args(dir), LIVE_KEY);
    const shown = await snapshot(again);
    const account = shown.accounts.find((a) => a.id === accountId)!;
    expect(account.lockout).toMatchObject({ ruleId: 'RULE-003', kind: 'untilReset' });
    expect(account.rules.find((r) => r.ruleId === 'RULE-003')!.override).toBeNull();
    expect(shown.problems).toEqual([
      expect.objectContaining({
        kind: 'records',
        title: 'Records not as Risk Warden left them',
        detail: expect.stringMatching(/after they were altered: lock #1.*dropped, never written by Risk Warden: admin override #1/),
      }),
    ]);
    await stop(again);
    expect(query<{ action: string }>(dir, `SELECT action FROM audit_log WHERE action = 'records altered'`)).toHaveLength(1);
  });

  it('refuses to start, saying what happened and what to do, when the write-ahead log was deleted after kill -9', async () => {
    const { dir, running } = await lockedInstance();
    running.child.kill('SIGKILL');
    await running.exited;
    fs.rmSync(path.join(dir, 'riskwarden.db-wal'));
    const refusal = await refused(gateway.args(dir), LIVE_KEY);
    expect(refusal.code).toBe(1);
    expect(refusal.stderr.trim()).toMatch(
      /^riskwarden: \S+riskwarden\.db is older than the last state Risk Warden wrote: its write-ahead log \(riskwarden\.db-wal\) was lost or an older copy was put back \(it holds the state of save \d+, Risk Warden had reached save \d+\), so its locks and overrides cannot be trusted \(\S+riskwarden\.head\). Put back riskwarden\.db and riskwarden\.db-wal as Risk Warden last left them \(an older backup is refused too\)\./,
    );
  });

  it('refuses to start on an empty database where the records were kept, and starts, locked, once the files are put back', async () => {
    const { dir, running } = await lockedInstance();
    await stop(running);
    const backup = tempDir('rw-backup-');
    fs.copyFileSync(path.join(dir, 'riskwarden.db'), path.join(backup, 'riskwarden.db'));
    fs.rmSync(path.join(dir, 'riskwarden.db'));
    const refusal = await refused(gateway.args(dir), LIVE_KEY);
    expect(refusal.code).toBe(1);
    expect(refusal.stderr).toMatch(
      /riskwarden\.db is empty, but this folder held Risk Warden records: the database was deleted, emptied or replaced/,
    );
    expect(refusal.stderr).toMatch(
      /move riskwarden\.head out of the folder; the next start records that on the dashboard and in the audit log/,
    );

    fs.copyFileSync(path.join(backup, 'riskwarden.db'), path.join(dir, 'riskwarden.db'));
    for (const file of ['riskwarden.db-wal', 'riskwarden.db-shm']) fs.rmSync(path.join(dir, file), { force: true });
    const restored = await start(gateway.args(dir), LIVE_KEY);
    const shown = await snapshot(restored);
    expect(shown.accounts.some((a) => a.lockout?.ruleId === 'RULE-003')).toBe(true);
    expect(shown.problems).toEqual([]);
  });
});
