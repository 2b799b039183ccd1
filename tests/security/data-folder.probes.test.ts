/**
 * The data folder probed as bad luck and a careless (or hostile) local user would: a second
 * instance on the same folder, a restart after kill -9, a demo instance with the test elevator
 * pointed at the live folder, a lock on an account the simulator does not have. Each instance is
 * the web host's command line in a process of its own (riskwarden-process.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/main/sim/simulator';
import { tempDir } from '../helpers/harness';
import { call, lockHolder, modeOf, query, refused, start, started, status, stop } from './warden-instances';

let simulator: Simulator | null = null;
afterEach(async () => {
  for (const instance of started.splice(0)) await stop(instance);
});
afterAll(async () => simulator?.close());

describe('one Risk Warden per data folder', () => {
  it('refuses a second instance on the same folder, naming the folder and the pid of the first, which keeps enforcing', async () => {
    const dir = path.join(tempDir('rw-folder-'), 'data');
    const first = await start(['--data-dir', dir]);
    const second = await refused(['--data-dir', dir]);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toMatch(
      new RegExp(
        `^riskwarden: ${escape(dir)} is already in use by another Risk Warden \\(pid ${first.pid}\\), since \\S+; one Risk Warden per data folder\\. ` +
          `Stop that one first, or point --data-dir elsewhere \\(if no Risk Warden is running, delete ${escape(path.join(dir, 'riskwarden.lock'))}\\)$`,
      ),
    );
    expect(second.stdout).not.toContain('Dashboard:');
    expect((await status(first)).connection.state).toBe('live');
    expect(lockHolder(dir)).toBe(first.pid);
  });

  it('starts at once after kill -9 of the instance that held the folder: its lock is taken over', async () => {
    const dir = path.join(tempDir('rw-folder-'), 'data');
    const killed = await start(['--data-dir', dir]);
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    expect(lockHolder(dir)).toBe(killed.pid);
    const next = await start(['--data-dir', dir]);
    expect(lockHolder(dir)).toBe(next.pid);
    expect((await status(next)).connection.state).toBe('live');
  });

  it.runIf(process.platform !== 'win32')(
    'keeps the folder 0700 and its files 0600, tightening what an older version left open',
    async () => {
      const dir = path.join(tempDir('rw-folder-'), 'data');
      await stop(await start(['--data-dir', dir]));
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(path.join(dir, 'riskwarden.db'), 0o644);
      fs.chmodSync(path.join(dir, 'riskwarden.log'), 0o644);
      const running = await start(['--data-dir', dir]);
      expect(modeOf(dir)).toBe(0o700);
      const files = fs.readdirSync(dir);
      expect(files).toEqual(
        expect.arrayContaining(['riskwarden.db', 'riskwarden.db-wal', 'riskwarden.db-shm', 'riskwarden.log', 'riskwarden.lock']),
      );
      for (const file of files) expect([file, modeOf(path.join(dir, file))]).toEqual([file, 0o600]);
      await stop(running);
    },
  );
});

describe('a data folder holds one mode', () => {
  it('refuses a demo instance with --test-elevator on the live data folder, and leaves that folder untouched', async () => {
    simulator = await startSimulator({ randomWalk: false });
    const liveDir = path.join(tempDir('rw-live-'), 'live');
    const liveArgs = ['--api-url', simulator.url, '--rtc-url', simulator.url, '--username', 'trader', '--data-dir', liveDir];
    await stop(await start(liveArgs, { RW_API_KEY: 'live-key' }));
    const before = query(liveDir, 'SELECT id, action, detail FROM audit_log ORDER BY id');

    const demo = await refused(['--test-elevator', '--data-dir', liveDir]);
    expect(demo.code).toBe(1);
    expect(demo.stderr.trim()).toBe(
      `riskwarden: this data folder holds live data; it cannot be opened in demo mode (${liveDir}). Start in live mode, or give demo mode a folder of its own with --data-dir`,
    );
    expect(query(liveDir, 'SELECT id, action, detail FROM audit_log ORDER BY id')).toEqual(before);
    // The live instance itself still opens it.
    expect((await status(await start(liveArgs, { RW_API_KEY: 'live-key' }))).connection.state).toBe('live');
  });

  it("the test elevator will not unlock an account the simulator does not have, even one locked in the demo folder's database", async () => {
    const dir = path.join(tempDir('rw-demo-'), 'demo');
    await stop(await start(['--test-elevator', '--data-dir', dir]));
    const db = new Database(path.join(dir, 'riskwarden.db'));
    db.prepare(
      `INSERT INTO lockouts (account_id, kind, rule_id, reason, since, until) VALUES (424242, 'untilAdmin', 'RULE-008', 'balance floor', '2026-11-24T15:00:00.000Z', NULL)`,
    ).run();
    db.close();

    const running = await start(['--test-elevator', '--data-dir', dir]);
    const reply = await call(running, 'requestUnlock', { accountId: 424242, reason: 'probe from a demo instance', choice: 'suspend' });
    expect(reply).toMatchObject({
      ok: true,
      result: { outcome: 'refused', message: expect.stringMatching(/only for the simulator's accounts and 424242 is not one of them/) },
    });
    await stop(running);
    expect(query(dir, 'SELECT cleared_at FROM lockouts WHERE account_id = 424242')).toEqual([{ cleared_at: null }]);
    expect(query(dir, 'SELECT * FROM admin_overrides')).toEqual([]);
    expect(query<{ action: string }>(dir, 'SELECT action FROM audit_log WHERE account_id = 424242').map((r) => r.action)).toEqual([
      'unlock refused',
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
