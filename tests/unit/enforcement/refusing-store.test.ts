/**
 * Enforcement over a real store that refuses every write (PRAGMA query_only on its connection:
 * SQLITE_READONLY, as a database on a file system gone read-only): the calls still go out, the lock
 * holds in memory, and everything is recorded, in order, once the store takes writes again.
 */
import { describe, expect, it } from 'vitest';
import { dailyRealizedLossRule } from '../../../src/main/engine/rules/daily-realized-loss';
import { RuleEngine } from '../../../src/main/engine/rule-engine';
import { RuleOverrides } from '../../../src/main/engine/rule-overrides';
import { Enforcer } from '../../../src/main/enforcement/enforcer';
import { enforcementParts } from '../../helpers/enforcement';
import { accountWith, CONTRACTS, contextOf, fill, position } from '../../helpers/states';

const MNQ = CONTRACTS.MNQ!.id;
const MES = CONTRACTS.MES!.id;

function setup() {
  const { clock, broker, store, db, recorder, lockouts, executor } = enforcementParts();
  const enforcer = new Enforcer(recorder, lockouts, executor, { add() {} });
  const engine = new RuleEngine([dailyRealizedLossRule({ enabled: true, limit: -500, include_unrealized: false })], new RuleOverrides([]));
  const run = (account: ReturnType<typeof accountWith>) =>
    enforcer.handle(account, engine.evaluate({ ...contextOf(account), now: clock.now() }), clock.now());
  const rows = (sql: string) => db.prepare(sql).all();
  return { clock, broker, db, store, recorder, lockouts, run, rows };
}

describe('enforcement while the store refuses every write', () => {
  it('closes at the broker and keeps the account locked in memory, then records it all once the store takes writes', async () => {
    const { clock, broker, db, store, recorder, lockouts, run, rows } = setup();
    db.pragma('query_only = ON');

    const account = accountWith({ positions: [position('MNQ', 2)], fills: [fill(CONTRACTS.NQ!.id, -1, -600)] });
    run(account);
    await clock.advance(0);
    expect(broker.calls).toEqual([`close 1 ${MNQ}`]);
    expect(lockouts.current(1)).toMatchObject({ kind: 'untilReset', ruleId: 'RULE-003' });
    expect(recorder.shown().map((p) => p.title)).toEqual(['Database cannot be written']);

    // Still refused: a position opened while locked is closed all the same.
    account.apply({ type: 'position', position: position('MES', 1) });
    run(account);
    await clock.advance(0);
    expect(broker.calls).toEqual([`close 1 ${MNQ}`, `close 1 ${MES}`]);
    expect(rows('SELECT id FROM lockouts')).toEqual([]);

    db.pragma('query_only = OFF');
    recorder.retry();
    expect(store.activeLockouts()).toMatchObject([{ accountId: 1, kind: 'untilReset', ruleId: 'RULE-003' }]);
    expect(rows('SELECT rule_id AS ruleId FROM violations')).toEqual([{ ruleId: 'RULE-003' }]);
    expect(rows('SELECT action, target, status FROM enforcement_actions ORDER BY id')).toEqual([
      { action: 'closePosition', target: `close ${MNQ}`, status: 'done' },
      { action: 'closePosition', target: `close ${MES}`, status: 'done' },
    ]);
    expect(recorder.shown()).toEqual([]);
  });
});
