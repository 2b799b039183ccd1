import { describe, expect, it } from 'vitest';
import type { Breach } from '../../../src/main/engine/rule';
import { plan } from '../../../src/main/enforcement/planner';
import { accountWith, CONTRACTS, order, position } from '../../helpers/states';

const breach = (over: Partial<Breach>): Breach => ({
  ruleId: 'RULE-001',
  ruleName: 'max_contracts',
  accountId: 1,
  category: 'tradeByTrade',
  remedy: { kind: 'closePosition', contractId: CONTRACTS.MNQ!.id },
  message: '6 contracts open',
  value: 6,
  limit: 5,
  ...over,
});

const hardLoss = breach({
  ruleId: 'RULE-003',
  ruleName: 'daily_realized_loss',
  category: 'hardLockout',
  remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
  message: 'P&L −550',
});

describe('planner', () => {
  const account = accountWith({ positions: [position('MNQ', 6), position('NQ', -1)] });
  account.apply({
    type: 'order',
    order: order(77, CONTRACTS.ES!.id, { limitPrice: 5990 }),
  });

  it('plans nothing without breaches', () => {
    expect(plan(account, [])).toBeNull();
  });

  it('closes only the offending position for a trade-by-trade breach', () => {
    expect(plan(account, [breach({})])).toEqual({
      accountId: 1,
      lock: null,
      actions: [
        {
          kind: 'closePosition',
          accountId: 1,
          contractId: CONTRACTS.MNQ!.id,
          ruleId: 'RULE-001',
          ruleTitle: 'Max contracts',
          reason: '6 contracts open',
          size: 6,
        },
      ],
      suspended: false,
    });
  });

  it('names the rule by the title its card shows when the armed rule is at hand', () => {
    const titled = plan(account, [hardLoss], () => 'Daily realized loss');
    expect(titled?.lock).toMatchObject({ ruleTitle: 'Daily realized loss', reason: 'P&L −550' });
    expect(new Set(titled?.actions.map((a) => a.ruleTitle))).toEqual(new Set(['Daily realized loss']));
  });

  it('lets a hard lockout win over a close: every position closed, every order cancelled, one lock', () => {
    const result = plan(account, [breach({}), hardLoss]);
    // The lock's reason is the rule's message as a sentence: the banner shows the rule's title beside it.
    expect(result?.lock).toEqual({
      request: { kind: 'untilReset' },
      ruleId: 'RULE-003',
      ruleTitle: 'Daily realized loss',
      reason: 'P&L −550',
    });
    expect(result?.actions.map((a) => (a.kind === 'cancelOrder' ? a.orderId : a.contractId))).toEqual([
      CONTRACTS.MNQ!.id,
      CONTRACTS.NQ!.id,
      77,
    ]);
    expect(new Set(result?.actions.map((a) => a.ruleId))).toEqual(new Set(['RULE-003']));
  });

  it('prefers the hard lockout over a cooldown and the longer of two cooldowns', () => {
    const short = breach({
      ruleId: 'RULE-006',
      category: 'cooldown',
      remedy: { kind: 'flatten', lock: { kind: 'cooldown', durationMs: 60_000 } },
    });
    const long = breach({
      ruleId: 'RULE-007',
      category: 'cooldown',
      remedy: { kind: 'flatten', lock: { kind: 'cooldown', durationMs: 3_600_000 } },
    });
    expect(plan(account, [short, hardLoss, long])?.lock?.ruleId).toBe('RULE-003');
    expect(plan(account, [short, long])?.lock?.ruleId).toBe('RULE-007');
  });

  it('never cancels a market order that is closing a position, but does cancel resting exits and new entries', () => {
    const locked = accountWith({ positions: [position('MES', 2)] });
    const order = (id: number, over: object) => ({
      id,
      accountId: 1,
      contractId: CONTRACTS.MES!.id,
      kind: 'market' as const,
      side: 'sell' as const,
      size: 2,
      state: 'pending' as const,
      limitPrice: null,
      stopPrice: null,
      ...over,
    });
    locked.apply({ type: 'order', order: order(1, {}) }); // the close in flight
    locked.apply({ type: 'order', order: order(2, { kind: 'stop', state: 'open', stopPrice: 5990 }) }); // a bracket stop
    locked.apply({ type: 'order', order: order(3, { side: 'buy' }) }); // adds to the position
    locked.apply({ type: 'order', order: order(4, { size: 3 }) }); // would flip it
    locked.apply({ type: 'order', order: order(5, { contractId: CONTRACTS.NQ!.id }) }); // no NQ position: an entry
    const cancelled = plan(locked, [hardLoss])!.actions.flatMap((a) => (a.kind === 'cancelOrder' ? [a.orderId] : []));
    expect(cancelled).toEqual([2, 3, 4, 5]);
    const short = accountWith({ positions: [position('MES', -2)] });
    short.apply({ type: 'order', order: order(8, { side: 'buy' }) }); // buys back the short: an exit
    short.apply({ type: 'order', order: order(9, {}) }); // sells more: an entry
    expect(plan(short, [hardLoss])!.actions.flatMap((a) => (a.kind === 'cancelOrder' ? [a.orderId] : []))).toEqual([9]);
    const blockCancels = [1, 2, 3].map((id) =>
      breach({
        ruleId: 'RULE-011',
        ruleName: 'symbol_blocks',
        remedy: { kind: 'cancelOrder', orderId: id, contractId: CONTRACTS.MES!.id },
      }),
    );
    expect(plan(locked, blockCancels)!.actions.map((a) => (a.kind === 'cancelOrder' ? a.orderId : null))).toEqual([2, 3]);
  });

  it('sends one close per position even when two rules ask for it', () => {
    const result = plan(account, [breach({}), breach({ ruleId: 'RULE-002' })]);
    expect(result?.actions).toHaveLength(1);
  });
});

describe('planner with the other remedies', () => {
  const account = accountWith({ positions: [position('MNQ', 6), position('ES', 2)] });
  const close = breach({});
  const trim = breach({ ruleId: 'RULE-002', remedy: { kind: 'reducePosition', contractId: CONTRACTS.MNQ!.id, size: 2, targetSize: 4 } });
  const move = breach({
    ruleId: 'RULE-012',
    category: 'automation',
    remedy: { kind: 'moveStop', contractId: CONTRACTS.MNQ!.id, orderId: 1, stopPrice: 21000, size: 6, side: 'sell' },
  });
  const moveEs = breach({
    ruleId: 'RULE-012',
    category: 'automation',
    remedy: { kind: 'moveStop', contractId: CONTRACTS.ES!.id, orderId: null, stopPrice: 6000, size: 2, side: 'sell' },
  });

  it('lets a close beat a trim and a stop move on the same contract, and keeps moves elsewhere', () => {
    expect(plan(account, [move, trim, close, moveEs])?.actions.map((a) => `${a.kind} ${a.contractId}`)).toEqual([
      `closePosition ${CONTRACTS.MNQ!.id}`,
      `moveStop ${CONTRACTS.ES!.id}`,
    ]);
    expect(plan(account, [move, trim])?.actions.map((a) => a.kind)).toEqual(['reducePosition']);
    expect(plan(account, [close, trim, move])?.actions.map((a) => a.kind)).toEqual(['closePosition']);
  });

  it('makes no call at all while the broker refuses the account, whatever else broke', () => {
    const suspend = breach({ ruleId: 'RULE-010', category: 'hardLockout', remedy: { kind: 'suspend' } });
    expect(plan(account, [close, hardLoss, suspend])).toEqual({ accountId: 1, lock: null, actions: [], suspended: true });
  });

  it('plans nothing for an alert', () => {
    expect(plan(account, [breach({ remedy: { kind: 'alert' } })])?.actions).toEqual([]);
  });
});
