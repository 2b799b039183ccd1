import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../../src/main/engine/rule-engine';
import { RuleOverrides, type RuleOverride } from '../../../src/main/engine/rule-overrides';
import type { RuleContext } from '../../../src/main/engine/rule';
import { dailyRealizedLossConfigSchema, dailyRealizedLossRule } from '../../../src/main/engine/rules/daily-realized-loss';
import { maxContractsConfigSchema, maxContractsRule } from '../../../src/main/engine/rules/max-contracts';
import { tradeFrequencyLimitConfigSchema, tradeFrequencyLimitRule } from '../../../src/main/engine/rules/trade-frequency-limit';
import type { Fill } from '../../../src/shared/domain';
import { accountWith, CONTRACTS, contextOf, fill, position } from '../../helpers/states';

const UNLOCK = Date.parse('2026-11-24T16:42:00Z');
const RESET = Date.parse('2026-11-24T23:00:00Z');
const dailyLoss = () => dailyRealizedLossRule(dailyRealizedLossConfigSchema.parse({ limit: -500 }));
const tradeLimit = () => tradeFrequencyLimitRule(tradeFrequencyLimitConfigSchema.parse({ limits: { per_session: 10 } }));
const at = (context: RuleContext, now: number, event: RuleContext['event'] = null): RuleContext => ({ ...context, now, event });

/** The engine with an administrator's unlock of `ruleId` granted at UNLOCK on `context`, as the service grants it. */
function unlocked(engine: RuleEngine, overrides: RuleOverrides, context: RuleContext, ruleId: string, mode: RuleOverride['mode']) {
  const fresh = engine.freshLimit(at(context, UNLOCK), ruleId)!;
  overrides.add({
    accountId: 1,
    ruleId,
    mode,
    grantedAt: UNLOCK,
    until: RESET,
    reason: 'desk approved',
    baseline: mode === 'resume' ? fresh.baseline : null,
  });
  return fresh;
}

describe('an admin unlock that resumes a rule with a fresh limit', () => {
  it('re-arms a daily loss limit of −500 unlocked at −520 to lock again at −1,020, and says so', () => {
    const overrides = new RuleOverrides([]);
    const engine = new RuleEngine([dailyLoss()], overrides);
    const account = accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, -520)] });
    const fresh = unlocked(engine, overrides, contextOf(account), 'RULE-003', 'resume');
    expect(fresh.resumed).toMatchObject({ value: -520, limit: -1020, usage: 0 });

    const after = at(contextOf(account), UNLOCK + 1000);
    expect(engine.evaluate(after)).toEqual([]);
    expect(engine.measure(after)[0]).toMatchObject({ value: -520, limit: -1020, usage: 0, override: { mode: 'resume' } });

    account.apply({ type: 'fill', fill: fill(CONTRACTS.ES!.id, -1, -499.99) });
    expect(engine.evaluate(after)).toEqual([]);
    expect(engine.measure(after)[0]).toMatchObject({ value: -1019.99, limit: -1020 });

    account.apply({ type: 'fill', fill: fill(CONTRACTS.ES!.id, -1, -0.01) });
    const [breach] = engine.evaluate(after);
    expect(breach).toMatchObject({ ruleId: 'RULE-003', value: -1020, limit: -1020, remedy: { kind: 'flatten' } });
    expect(breach!.message).toBe('P&L -$1,020.00 reached the fresh limit -$1,020.00 set by the admin unlock (-$500.00 from -$520.00)');
  });

  it('lets a trade limit of 10 unlocked at 11 trades take 10 more, and breaks on the 11th', () => {
    const overrides = new RuleOverrides([]);
    const engine = new RuleEngine([tradeLimit()], overrides);
    const trade = (n: number, minute: number): Fill => ({
      ...fill(CONTRACTS.MNQ!.id, 1, null, 0, 1000 + n),
      timestamp: new Date(Date.parse('2026-11-24T15:00:00Z') + minute * 60_000).toISOString(),
    });
    const account = accountWith({ fills: Array.from({ length: 11 }, (_, n) => trade(n, n)) });
    expect(account.tradeCount()).toBe(11);
    unlocked(engine, overrides, contextOf(account), 'RULE-006', 'resume');
    for (let n = 11; n < 21; n++) {
      const next = trade(n, 120 + n);
      account.apply({ type: 'fill', fill: next });
      expect(engine.evaluate(at(contextOf(account), UNLOCK + 3_600_000, { type: 'fill', fill: next }))).toEqual([]);
    }
    expect(engine.measure(at(contextOf(account), UNLOCK + 3_600_000))[0]!.summary).toBe('10 of 10 trades today since the admin unlock');
    const eleventh = trade(21, 200);
    account.apply({ type: 'fill', fill: eleventh });
    const [breach] = engine.evaluate(at(contextOf(account), UNLOCK + 3_600_000, { type: 'fill', fill: eleventh }));
    expect(breach).toMatchObject({ ruleId: 'RULE-006', value: 11, limit: 10 });
    expect(breach!.message).toBe('11 trades today, limit 10, counting from the admin unlock');
  });
});

describe('an admin unlock that suspends a rule until the reset', () => {
  it('keeps the rule from breaching until the reset, shows the override, and judges it again from the reset', () => {
    const overrides = new RuleOverrides([]);
    const engine = new RuleEngine([dailyLoss()], overrides);
    const account = accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, -520)] });
    unlocked(engine, overrides, contextOf(account), 'RULE-003', 'suspend');
    account.apply({ type: 'fill', fill: fill(CONTRACTS.ES!.id, -1, -1000) });
    expect(engine.evaluate(at(contextOf(account), RESET - 1))).toEqual([]);
    expect(engine.measure(at(contextOf(account), RESET - 1))[0]).toMatchObject({
      value: -1520,
      limit: -500,
      override: { mode: 'suspend' },
    });
    expect(engine.evaluate(at(contextOf(account), RESET))).toHaveLength(1);
    expect(engine.measure(at(contextOf(account), RESET))[0]!.override).toBeNull();
  });

  it('touches only the rule and account it was granted for', () => {
    const overrides = new RuleOverrides([]);
    const limits = maxContractsRule(maxContractsConfigSchema.parse({ limit: 1 }));
    const engine = new RuleEngine([dailyLoss(), limits], overrides);
    const account = accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, -600)], positions: [position('MNQ', 3)] });
    unlocked(engine, overrides, contextOf(account), 'RULE-003', 'suspend');
    expect(engine.evaluate(at(contextOf(account), UNLOCK)).map((b) => b.ruleId)).toEqual(['RULE-001']);
    expect(overrides.find(2, 'RULE-003', UNLOCK)).toBeNull();
  });
});

describe('a rule whose figure is not a running total of the day', () => {
  it('offers no fresh limit, and a resume stored for it suspends it rather than locking again at once', () => {
    const overrides = new RuleOverrides([]);
    const limits = maxContractsRule(maxContractsConfigSchema.parse({ limit: 1 }));
    const engine = new RuleEngine([limits], overrides);
    const account = accountWith({ positions: [position('MNQ', 3)] });
    const fresh = engine.freshLimit(at(contextOf(account), UNLOCK), 'RULE-001')!;
    expect(fresh.resumed).toBeNull();
    overrides.add({
      accountId: 1,
      ruleId: 'RULE-001',
      mode: 'resume',
      grantedAt: UNLOCK,
      until: RESET,
      reason: 'x',
      baseline: fresh.baseline,
    });
    expect(engine.evaluate(at(contextOf(account), UNLOCK + 1))).toEqual([]);
  });
});
