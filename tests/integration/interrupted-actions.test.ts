/**
 * Actions the last run sent but never saw answered (the process was killed between the call and its
 * answer) are reconciled when the real service starts on that data folder: marked interrupted and
 * said in the audit log and the timeline; the rules then act on the account as the broker has it.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { config, eventually, startHarness, tempDir, type Harness } from '../helpers/harness';
import { openTestStore } from '../helpers/store';
import { DEMO_ACCOUNT, MNQ, Trader } from '../helpers/trader';

let harness: Harness | undefined;
afterEach(async () => harness?.close());

function leftByAKilledRun(dir: string): void {
  const { store, db } = openTestStore(dir);
  const at = '2026-11-24T15:00:00.000Z';
  const base = { accountId: DEMO_ACCOUNT, ruleId: 'RULE-002', action: 'closePosition' };
  store.recordAction(at, { ...base, target: 'MNQ position', status: 'done', detail: 'max contracts' });
  store.recordAction(at, { ...base, target: 'MNQ position', status: 'sent', detail: 'max contracts' });
  store.recordAction(at, { ...base, action: 'cancelOrder', target: 'MNQ order 12', status: 'sent', detail: 'max contracts' });
  db.close();
}

describe('enforcement actions left sent by a killed run', () => {
  it('are marked interrupted at start, and the audit log and timeline say so; the rules act again on the live state', async () => {
    const dataDir = tempDir();
    leftByAKilledRun(dataDir);
    harness = await startHarness({ config: config({ max_contracts: { limit: 5, count_type: 'net' } }), dataDir });

    const db = new Database(path.join(dataDir, 'riskwarden.db'), { readonly: true });
    expect(db.prepare('SELECT status, detail FROM enforcement_actions ORDER BY id').all()).toEqual([
      { status: 'done', detail: 'max contracts' },
      { status: 'interrupted', detail: expect.stringMatching(/^max contracts — interrupted: Risk Warden stopped before the answer came/) },
      { status: 'interrupted', detail: expect.stringMatching(/^max contracts — interrupted: /) },
    ]);
    db.close();
    const audit = harness.service.auditLog(10).find((entry) => entry.action === 'actions interrupted');
    expect(audit).toMatchObject({ actor: 'service', accountId: DEMO_ACCOUNT });
    expect(audit!.detail).toMatch(
      /^2 enforcement actions sent before the last stop got no answer: closePosition MNQ position \(RULE-002, sent 2026-11-24T15:00:00.000Z\); cancelOrder MNQ order 12 /,
    );
    const entry = harness.service.snapshot().timeline.find((e) => e.title.includes('interrupted'));
    expect(entry).toMatchObject({
      kind: 'enforcement',
      accountId: DEMO_ACCOUNT,
      title: '2 enforcement actions interrupted when Risk Warden stopped: outcome unknown',
      detail:
        'MNQ position; MNQ order 12. The broker had not answered when Risk Warden stopped; the rules judge the account as it is now and act again if needed',
    });

    // Nothing is re-sent from the old rows; the rules judge what the broker has now.
    const trader = await Trader.login(harness.sim);
    await trader.buy(MNQ, 6);
    await eventually(() => expect(harness!.sim.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
  });

  it('are reconciled once: a second start finds nothing left to mark', async () => {
    const dataDir = tempDir();
    leftByAKilledRun(dataDir);
    harness = await startHarness({ config: config({}), dataDir });
    await harness.restart();
    expect(harness.service.auditLog(20).filter((entry) => entry.action === 'actions interrupted')).toHaveLength(1);
    expect(harness.service.snapshot().timeline.filter((e) => e.title.includes('interrupted'))).toEqual([]);
  });
});
