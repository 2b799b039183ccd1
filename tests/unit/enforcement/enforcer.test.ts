import { describe, expect, it } from 'vitest';
import { dailyRealizedLossRule } from '../../../src/main/engine/rules/daily-realized-loss';
import { maxContractsRule } from '../../../src/main/engine/rules/max-contracts';
import { RuleEngine } from '../../../src/main/engine/rule-engine';
import { RuleOverrides } from '../../../src/main/engine/rule-overrides';
import { Enforcer, REJECTED_WHILE_LOCKED } from '../../../src/main/enforcement/enforcer';
import type { Journal } from '../../../src/main/enforcement/journal';
import { enforcementParts } from '../../helpers/enforcement';
import { accountWith, CONTRACTS, contextOf, fill, fillAndReport, order, position } from '../../helpers/states';

/** The daily reset of the trading day enforcementParts sets (23:00 UTC). */
const RESET = Date.parse('2026-11-24T23:00:00Z');

function setup() {
  const { clock, broker, db, recorder, lockouts, executor } = enforcementParts();
  const journal: Journal & { entries: string[]; details: (string | null)[] } = {
    entries: [],
    details: [],
    add(kind, _a, title, detail) {
      this.entries.push(`${kind}: ${title}`);
      this.details.push(detail);
    },
  };
  const enforcer = new Enforcer(recorder, lockouts, executor, journal);
  const overrides = new RuleOverrides([]);
  const engine = new RuleEngine(
    [
      maxContractsRule({ enabled: true, limit: 5, count_type: 'net', action: 'close_position' }),
      dailyRealizedLossRule({ enabled: true, limit: -500, include_unrealized: false }),
    ],
    overrides,
  );
  const run = (account: ReturnType<typeof accountWith>) =>
    enforcer.handle(account, engine.evaluate({ ...contextOf(account), now: clock.now() }), clock.now(), engine.rules);
  return { clock, broker, db, lockouts, enforcer, journal, run, overrides };
}

describe('enforcer', () => {
  it('records a breach once while it lasts, and again when it comes back', async () => {
    const { db, run, clock } = setup();
    const account = accountWith({ positions: [position('MNQ', 6)] });
    run(account);
    run(account);
    fillAndReport(account, CONTRACTS.MNQ!.id, -6, -30);
    run(account);
    fillAndReport(account, CONTRACTS.MNQ!.id, 7, null);
    run(account);
    await clock.advance(0);
    expect(db.prepare('SELECT rule_id, value FROM violations').all()).toEqual([
      { rule_id: 'RULE-001', value: 6 },
      { rule_id: 'RULE-001', value: 7 },
    ]);
  });

  it('records one violation when one rule asks for several actions at once (close the position and cancel the order that added)', async () => {
    const { db, enforcer, clock } = setup();
    const account = accountWith({ positions: [position('MNQ', 2)] });
    const shared = {
      ruleId: 'RULE-018',
      ruleName: 'adding_to_loser',
      accountId: account.id,
      category: 'tradeByTrade' as const,
      value: -120,
      limit: -100,
    };
    enforcer.handle(
      account,
      [
        { ...shared, message: 'added to a loser', remedy: { kind: 'closePosition', contractId: CONTRACTS.MNQ!.id } },
        { ...shared, message: 'added to a loser', remedy: { kind: 'cancelOrder', orderId: 77, contractId: CONTRACTS.MNQ!.id } },
      ],
      clock.now(),
    );
    await clock.advance(0);
    expect(db.prepare('SELECT rule_id FROM violations').all()).toEqual([{ rule_id: 'RULE-018' }]);
  });

  it('writes the lock before the flatten calls go out', async () => {
    const { broker, db, run, clock, journal } = setup();
    let locksAtFirstCall: unknown[] = [];
    broker.onCall = () => (locksAtFirstCall = db.prepare('SELECT kind, rule_id FROM lockouts WHERE cleared_at IS NULL').all());
    run(accountWith({ positions: [position('MNQ', 1), position('ES', -1)], fills: [fill(CONTRACTS.NQ!.id, -1, -600)] }));
    await clock.advance(0);
    expect(locksAtFirstCall).toEqual([{ kind: 'untilReset', rule_id: 'RULE-003' }]);
    expect(journal.entries).toContain('lockout: Locked until 11:00 PM UTC: daily realized loss');
    expect(broker.calls.sort()).toEqual([`close 1 ${CONTRACTS.ES!.id}`, `close 1 ${CONTRACTS.MNQ!.id}`]);
  });

  it('names the day in the timeline when the lock ends on another day', async () => {
    const { run, clock, journal } = setup();
    await clock.advance(8.5 * 3_600_000); // Tue 23:30 UTC, past today's reset: locked until Wednesday's
    run(accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -600)] }));
    await clock.advance(0);
    expect(journal.entries).toContain('lockout: Locked until Wed Nov 25, 11:00 PM UTC: daily realized loss');
  });

  it('tells a breach by the title of its rule, with its message, and no rule id or config key', async () => {
    const { run, clock, journal } = setup();
    run(accountWith({ positions: [position('MNQ', 6)] }));
    await clock.advance(0);
    expect(journal.entries[0]).toBe('breach: Max contracts broken');
    expect(journal.entries.join(' ')).not.toMatch(/RULE-|max_contracts/);
  });

  it('gives the lock a reason in words that names neither the rule id nor its config key', async () => {
    const { run, clock, lockouts } = setup();
    run(accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -600)] }));
    await clock.advance(0);
    const { reason } = lockouts.current(1)!;
    expect(reason).not.toMatch(/^(RULE-\d+|daily_realized_loss)/);
    expect(reason).toBe(
      dailyRealizedLossRule({ enabled: true, limit: -500, include_unrealized: false }).evaluate({
        ...contextOf(accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -600)] })),
        now: clock.now(),
      })[0]!.message,
    );
  });

  it('records both breaches when one event breaks two rules, and lets the lockout win', async () => {
    const { db, run, lockouts, clock } = setup();
    run(accountWith({ positions: [position('MNQ', 6)], fills: [fill(CONTRACTS.NQ!.id, -1, -600)] }));
    await clock.advance(0);
    expect(db.prepare('SELECT rule_id FROM violations ORDER BY rule_id').all()).toEqual([{ rule_id: 'RULE-001' }, { rule_id: 'RULE-003' }]);
    expect(lockouts.current(1)?.ruleId).toBe('RULE-003');
    expect(db.prepare('SELECT DISTINCT rule_id FROM enforcement_actions').all()).toEqual([{ rule_id: 'RULE-003' }]);
  });

  it('closes a position opened while locked and labels it "rejected while locked"', async () => {
    const { broker, db, run, clock } = setup();
    const account = accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -600)] });
    run(account);
    await clock.advance(0);
    expect(broker.calls).toEqual([]);
    account.apply({ type: 'position', position: position('MES', 2) });
    account.apply({
      type: 'order',
      order: order(5, CONTRACTS.ES!.id, { limitPrice: 5900 }),
    });
    run(account);
    await clock.advance(0);
    expect(broker.calls).toEqual([`close 1 ${CONTRACTS.MES!.id}`, 'cancel 1 5']);
    expect(db.prepare('SELECT DISTINCT detail FROM enforcement_actions').all()).toEqual([{ detail: REJECTED_WHILE_LOCKED }]);
  });

  it('lets the account trade after an admin unlock while the loss that locked it still stands', async () => {
    const { broker, run, lockouts, clock, overrides } = setup();
    const account = accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -600)] });
    run(account);
    lockouts.adminUnlock(1, 'desk approved', clock.now(), RESET);
    // The suspension the administrator chose, as the service hands it to the engine.
    overrides.add({
      accountId: 1,
      ruleId: 'RULE-003',
      mode: 'suspend',
      grantedAt: clock.now(),
      until: RESET,
      reason: 'desk approved',
      baseline: null,
    });
    account.apply({ type: 'position', position: position('MES', 1) });
    run(account);
    await clock.advance(0);
    expect(lockouts.current(1)).toBeNull();
    expect(broker.calls).toEqual([]);
    account.apply({ type: 'position', position: position('MES', 6) });
    run(account);
    await clock.advance(0);
    expect(broker.calls).toEqual([`close 1 ${CONTRACTS.MES!.id}`]);
  });
});
