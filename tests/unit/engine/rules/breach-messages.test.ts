import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/main/config/loader';
import type { Rule, RuleContext } from '../../../../src/main/engine/rule';
import { armRules } from '../../../../src/main/engine/rules';
import { accountWith, CONTRACTS, contextOf, fill, order, position } from '../../../helpers/states';

const config = parseConfig(fs.readFileSync('config/risk-config.all-rules.yaml', 'utf8'), 'risk-config.all-rules.yaml');
const { rules } = armRules(config);
const rule = (id: string): Rule => rules.find((r) => r.id === id)!;
const T0 = Date.parse('2026-11-24T15:00:00Z');
const fillEvent = (f: ReturnType<typeof fill>): RuleContext['event'] => ({ type: 'fill', fill: f });

/** The line the timeline and the notification show for each breach, with what it makes happen. */
describe('what each breach says and does', () => {
  it.each<[string, () => RuleContext, object]>([
    [
      'RULE-001',
      () => contextOf(accountWith({ positions: [position('MNQ', 4), position('ES', 2)] })),
      {
        message: '6 contracts open (net), limit 5',
        category: 'tradeByTrade',
        value: 6,
        limit: 5,
        remedy: { kind: 'closePosition', contractId: CONTRACTS.MNQ!.id },
      },
    ],
    [
      'RULE-002',
      () => contextOf(accountWith({ positions: [position('ES', 2)] })),
      { message: '2 ES open, limit 1', category: 'tradeByTrade', value: 2, limit: 1 },
    ],
    ['RULE-002', () => contextOf(accountWith({ positions: [position('NQ', 4)] })), { message: '4 NQ open, limit 3', value: 4, limit: 3 }],
    [
      'RULE-003',
      () => contextOf(accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -520)] })),
      {
        message: 'Realized P&L today -$520.00 has reached the daily loss limit -$500.00',
        category: 'hardLockout',
        remedy: { kind: 'flatten', lock: { kind: 'untilReset' } },
      },
    ],
    [
      'RULE-004',
      () => contextOf(accountWith({ positions: [position('NQ', 1, 100)], marks: { [CONTRACTS.NQ!.id]: 85 } })),
      {
        message: 'NQ open P&L -$300.00 reached the per-position limit -$300.00',
        category: 'tradeByTrade',
        value: -300,
        limit: -300,
        remedy: { kind: 'closePosition', contractId: CONTRACTS.NQ!.id },
      },
    ],
    [
      'RULE-005',
      () => contextOf(accountWith({ positions: [position('ES', 1, 100)], marks: { [CONTRACTS.ES!.id]: 110 } })),
      { message: 'ES open P&L +$500.00 reached the take-profit $500.00', value: 500, limit: 500 },
    ],
    [
      'RULE-007',
      () => {
        const f = fill(CONTRACTS.NQ!.id, -1, -320);
        return contextOf(accountWith({ fills: [f] }), fillEvent(f));
      },
      {
        message: 'NQ trade closed at -$320.00, reaching the -$300.00 loss tier (1 h pause)',
        category: 'cooldown',
        value: -320,
        limit: -300,
        remedy: { kind: 'flatten', lock: { kind: 'cooldown', durationMs: 3_600_000 } },
      },
    ],
    [
      'RULE-013',
      () => contextOf(accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, 1000)] })),
      {
        message: 'Daily profit target reached. Walk away green. (realized +$1,000.00, target $1,000.00)',
        category: 'hardLockout',
        value: 1000,
        limit: 1000,
      },
    ],
  ])('%s', (id, context, expected) => {
    const [breach] = rule(id).evaluate(context());
    expect(breach).toMatchObject({ ruleId: id, ruleName: rule(id).name, accountId: 1, ...expected });
  });

  it('RULE-006: the window that overflowed, and its cooldown', () => {
    const fills = [0.9, 0.6, 0.3, 0].map((m, i) => ({
      ...fill(CONTRACTS.MNQ!.id, 1, null, 0, 950 + i),
      timestamp: new Date(T0 - m * 60_000).toISOString(),
    }));
    const account = accountWith({ fills });
    const [breach] = rule('RULE-006').evaluate(contextOf(account, fillEvent(fills[3]!)));
    expect(breach).toMatchObject({
      message: '4 trades in a minute, limit 3',
      category: 'cooldown',
      value: 4,
      limit: 3,
      remedy: { kind: 'flatten', lock: { kind: 'cooldown', durationMs: 60_000 } },
    });
  });

  it('RULE-008: the unprotected position past its grace', () => {
    const account = accountWith({ positions: [position('MES', 2)] });
    account.updateProtection(T0 - 12_400);
    const [breach] = rule('RULE-008').evaluate(contextOf(account));
    expect(breach).toMatchObject({
      message: 'MES open 12 s without a stop, grace 10 s',
      category: 'tradeByTrade',
      value: 12,
      limit: 10,
      remedy: { kind: 'closePosition', contractId: CONTRACTS.MES!.id },
    });
  });

  it('RULE-010: trading disabled by the broker suspends every call', () => {
    const account = accountWith();
    account.apply({ type: 'account', account: { id: 1, name: 'TEST', balance: 50_000, canTrade: false } });
    const [breach] = rule('RULE-010').evaluate(contextOf(account));
    expect(breach).toMatchObject({
      message: expect.stringMatching(/^trading disabled: /),
      category: 'hardLockout',
      value: 1,
      limit: 0,
      remedy: { kind: 'suspend' },
    });
  });
});

describe('RULE-012 trade management: where the stop goes (breakeven after 4 ticks + 1, trailing 4 behind after 8)', () => {
  const stop = (id: number, symbol: 'ES' | 'NQ', side: 'buy' | 'sell', stopPrice: number) => ({
    type: 'order' as const,
    order: {
      id,
      accountId: 1,
      contractId: CONTRACTS[symbol]!.id,
      kind: 'stop' as const,
      side,
      size: 1,
      state: 'open' as const,
      limitPrice: null,
      stopPrice,
    },
  });
  const moves = (size: number, mark: number, existingStop?: number) => {
    const account = accountWith({ positions: [position('ES', size, 100)], marks: { [CONTRACTS.ES!.id]: mark } });
    if (existingStop !== undefined) account.apply(stop(40, 'ES', size > 0 ? 'sell' : 'buy', existingStop));
    return rule('RULE-012')
      .evaluate(contextOf(account))
      .map((b) => ({ message: b.message, remedy: b.remedy, category: b.category, value: b.value, limit: b.limit }));
  };

  it.each<[string, number, number, number | undefined, string | null]>([
    ['long, 3 ticks up: nothing yet', 1, 100.75, undefined, null],
    ['long, exactly 4 ticks up: breakeven + 1 tick', 1, 101, undefined, 'placing the ES stop at 100.25 (breakeven)'],
    ['long, exactly 8 ticks up: trailing takes over, 4 ticks behind', 1, 102, undefined, 'placing the ES stop at 101 (trailing)'],
    ['long, 20 ticks up, a stop already at breakeven: moved up', 1, 105, 100.25, 'moving the ES stop to 104 (trailing)'],
    ['long, a stop already above where it would go: never widened', 1, 102, 101.5, null],
    ['long, a stop exactly where it would go: left alone', 1, 102, 101, null],
    ['short, exactly 4 ticks down: breakeven − 1 tick', -1, 99, undefined, 'placing the ES stop at 99.75 (breakeven)'],
    ['short, 8 ticks down: trailing above', -1, 98, undefined, 'placing the ES stop at 99 (trailing)'],
  ])('%s', (_what, size, mark, existingStop, message) => {
    const found = moves(size, mark, existingStop);
    if (message === null) {
      expect(found).toEqual([]);
      return;
    }
    const stopPrice = Number(/(?:to|at) ([\d.]+)/.exec(message)![1]);
    expect(found).toEqual([
      {
        message,
        category: 'automation',
        value: stopPrice,
        limit: 100,
        remedy: {
          kind: 'moveStop',
          contractId: CONTRACTS.ES!.id,
          orderId: existingStop === undefined ? null : 40,
          stopPrice,
          size: 1,
          side: size > 0 ? 'sell' : 'buy',
        },
      },
    ]);
  });

  it('leaves a position alone while its market has no price yet', () => {
    const account = accountWith({ positions: [position('ES', 1, 100)] });
    expect(rule('RULE-012').evaluate(contextOf(account))).toEqual([]);
  });
});

describe('RULE-009 outside the session', () => {
  it('closes what is open and cancels what is working, counting both', () => {
    const account = accountWith({ positions: [position('MNQ', 1)] });
    account.apply({
      type: 'order',
      order: order(61, CONTRACTS.ES!.id),
    });
    const breaches = rule('RULE-009').evaluate({ ...contextOf(account), now: Date.parse('2026-11-24T22:00:00Z') });
    expect(breaches.map((b) => [b.value, b.remedy.kind])).toEqual(expect.arrayContaining([[2, expect.any(String)]]));
    expect(breaches[0]).toMatchObject({ value: 2, limit: 0 });
  });
});

describe('size limits in the details', () => {
  const armed = (yaml: string) => armRules(parseConfig(`rules:\n${yaml}`, 'r.yaml')).rules[0]!;

  it('RULE-002 says when a symbol is refused because unknown symbols are blocked, and not for a symbol set to 0', () => {
    const perSymbol = armed('  max_contracts_per_instrument: { default_limit: 2, instrument_limits: { MNQ: 0 }, unknown_symbol: block }\n');
    const messages = perSymbol
      .evaluate(contextOf(accountWith({ positions: [position('MNQ', 1), position('ES', 1)] })))
      .map((b) => b.message);
    expect(messages).toEqual(['1 MNQ open, limit 0', '1 ES open, limit 0 (unknown symbols are blocked)']);
  });

  it('RULE-001 with reduce_to_limit trims the position that broke it by the account-wide excess only', () => {
    const trim = armed('  max_contracts: { limit: 5, action: reduce_to_limit }\n');
    const account = accountWith({ positions: [position('ES', 2), position('MNQ', 4)] });
    const [breach] = trim.evaluate(contextOf(account, { type: 'position', position: position('MNQ', 4) }));
    expect(breach?.remedy).toEqual({ kind: 'reducePosition', contractId: CONTRACTS.MNQ!.id, size: 1, targetSize: 3 });
  });

  it('RULE-007 picks the most severe tier reached, whatever order the tiers are written in', () => {
    const tiers = armed('  cooldown_after_loss: { tiers: [{ loss: -300, cooldown: 1h }, { loss: -100, cooldown: 15m }] }\n');
    const f = fill(CONTRACTS.NQ!.id, -1, -320);
    expect(tiers.evaluate(contextOf(accountWith({ fills: [f] }), fillEvent(f)))[0]?.remedy).toEqual({
      kind: 'flatten',
      lock: { kind: 'cooldown', durationMs: 3_600_000 },
    });
    const g = fill(CONTRACTS.NQ!.id, -1, -150);
    expect(tiers.evaluate(contextOf(accountWith({ fills: [g] }), fillEvent(g)))[0]?.remedy).toEqual({
      kind: 'flatten',
      lock: { kind: 'cooldown', durationMs: 900_000 },
    });
  });
});

describe('rule defaults a trader leaves out', () => {
  const armed = (yaml: string) => armRules(parseConfig(`rules:\n${yaml}`, 'r.yaml')).rules[0]!;

  it('arms a rule written without "enabled"', () => {
    expect(armed('  auth_loss_guard: {}\n').enabled).toBe(true);
  });

  it('RULE-013 says "walk away green" when no message is given', () => {
    const profit = armed('  daily_realized_profit: { target: 300 }\n');
    expect(profit.evaluate(contextOf(accountWith({ fills: [fill(CONTRACTS.ES!.id, -1, 310)] })))[0]?.message).toBe(
      'Daily profit target reached. Walk away green. (realized +$310.00, target $300.00)',
    );
  });

  it('RULE-002 gives a symbol it has no limit for the default limit, unless told to block it', () => {
    const perSymbol = armed('  max_contracts_per_instrument: { default_limit: 2 }\n');
    expect(perSymbol.evaluate(contextOf(accountWith({ positions: [position('MES', 3)] })))[0]?.message).toBe('3 MES open, limit 2');
    const unknownContract = accountWith();
    unknownContract.apply({ type: 'position', position: { accountId: 1, contractId: 'CON.F.US.RTY.Z26', size: 3, averagePrice: 2400 } });
    expect(perSymbol.evaluate(contextOf(unknownContract))[0]?.message).toBe('3 CON.F.US.RTY.Z26 open, limit 2');
  });
});
