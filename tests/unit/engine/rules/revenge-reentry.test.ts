import { describe, expect, it } from 'vitest';
import type { AccountState } from '../../../../src/main/engine/account-state';
import { revengeReentryConfigSchema, revengeReentryRule } from '../../../../src/main/engine/rules/revenge-reentry';
import type { Fill } from '../../../../src/shared/domain';
import { accountWith, CONTRACTS, contextOf, fill, order, position } from '../../../helpers/states';

const MNQ = CONTRACTS.MNQ!.id;
const ES = CONTRACTS.ES!.id;
const CLOSED_AT = Date.parse('2026-11-24T15:00:00Z');
const ruleWith = (settings: Record<string, unknown> = {}) =>
  revengeReentryRule(revengeReentryConfigSchema.parse({ within: '5m', ...settings }), { timezone: 'America/Chicago' });
const atTime = (f: Fill, ms: number): Fill => ({ ...f, timestamp: new Date(ms).toISOString() });

/** An account that just closed `size` MNQ long with a closing fill of `pnl` gross and `fees`. */
function afterClose(pnl = -50, fees = 0.74, size = 1): AccountState {
  const account = accountWith({ positions: [position('MNQ', size, 21000)], marks: { [MNQ]: 21000, [ES]: 6000 } });
  account.apply({ type: 'fill', fill: atTime(fill(MNQ, -size, pnl, fees), CLOSED_AT) });
  account.apply({ type: 'positionClosed', accountId: 1, contractId: MNQ });
  return account;
}
/** The fill that opens a new position `msAfter` the close, judged as the pipeline judges it. */
function reenter(account: AccountState, msAfter: number, contractId = MNQ, size = 1, rule = ruleWith()) {
  const opening = atTime(fill(contractId, size, null), CLOSED_AT + msAfter);
  account.apply({ type: 'fill', fill: opening });
  return rule.evaluate({ ...contextOf(account, { type: 'fill', fill: opening }), now: CLOSED_AT + msAfter });
}

describe('RULE-020 revenge_reentry', () => {
  it.each([
    { after: '4 min 59 s', ms: 299_000, breach: true },
    { after: 'exactly 5 min', ms: 300_000, breach: true },
    { after: '5 min 1 s', ms: 301_000, breach: false },
  ])('a new position $after after a losing close (within 5m) → breach $breach', ({ ms, breach }) => {
    expect(reenter(afterClose(), ms).length > 0).toBe(breach);
  });

  it('refuses a filled re-entry by closing the new position', () => {
    const [breach] = reenter(afterClose(), 42_000);
    expect(breach).toMatchObject({
      ruleId: 'RULE-020',
      category: 'tradeByTrade',
      remedy: { kind: 'closePosition', contractId: MNQ },
      message: 'Opened 1 MNQ contract 42 s after closing MNQ at -$50.74 (within 5 min)',
      value: 42,
      limit: 300,
    });
  });

  it('counts a close as losing net of its fees', () => {
    expect(reenter(afterClose(0.5, 0.74), 10_000)).toHaveLength(1);
    expect(reenter(afterClose(0.74, 0.74), 10_000)).toEqual([]);
    expect(reenter(afterClose(2, 0.74), 10_000)).toEqual([]);
  });

  it('with same_symbol_only, only a re-entry in the symbol that lost counts', () => {
    expect(reenter(afterClose(), 10_000, ES)).toHaveLength(1);
    expect(reenter(afterClose(), 10_000, ES, 1, ruleWith({ same_symbol_only: true }))).toEqual([]);
    expect(reenter(afterClose(), 10_000, MNQ, 1, ruleWith({ same_symbol_only: true }))).toHaveLength(1);
  });

  it('with larger_size_only, only a position larger than the one that lost counts', () => {
    const larger = ruleWith({ larger_size_only: true });
    expect(reenter(afterClose(-50, 0.74, 2), 10_000, MNQ, 2, larger)).toEqual([]);
    expect(reenter(afterClose(-50, 0.74, 2), 10_000, MNQ, 3, larger)).toHaveLength(1);
  });

  it('refuses a new working entry order on a flat contract by cancelling it; leaves its bracket legs and exits of an open position alone', () => {
    const account = afterClose();
    const entry = order(80, ES, { kind: 'limit', side: 'buy', size: 1, limitPrice: 5990 });
    account.apply({ type: 'order', order: entry });
    const now = CLOSED_AT + 60_000;
    expect(ruleWith().evaluate({ ...contextOf(account, { type: 'order', order: entry }), now })[0]?.remedy).toEqual({
      kind: 'cancelOrder',
      orderId: 80,
      contractId: ES,
    });
    const leg = order(82, ES, { kind: 'stop', side: 'sell', state: 'suspended', stopPrice: null, limitPrice: null });
    account.apply({ type: 'order', order: leg });
    expect(ruleWith().evaluate({ ...contextOf(account, { type: 'order', order: leg }), now })).toEqual([]);
    const held = afterClose();
    held.apply({ type: 'fill', fill: atTime(fill(ES, 1, null), CLOSED_AT + 400_000) });
    const exit = order(81, ES, { kind: 'stop', side: 'sell', size: 1, stopPrice: 5980, limitPrice: null });
    held.apply({ type: 'order', order: exit });
    expect(ruleWith().evaluate({ ...contextOf(held, { type: 'order', order: exit }), now })).toEqual([]);
  });

  it('does not count adding to an open position, a winning close, or a fill replayed after a reconnect', () => {
    const account = afterClose();
    expect(reenter(account, 10_000)).toHaveLength(1);
    expect(reenter(account, 11_000)).toEqual([]);
    const winner = accountWith({ positions: [position('MNQ', 1, 21000)] });
    winner.apply({ type: 'fill', fill: atTime(fill(MNQ, -1, 20, 0.74), CLOSED_AT) });
    expect(reenter(winner, 10_000)).toEqual([]);
    const replayed = afterClose();
    const opening = atTime(fill(MNQ, 1, null), CLOSED_AT + 10_000);
    replayed.apply({ type: 'fill', fill: opening });
    expect(replayed.apply({ type: 'fill', fill: opening })).toBeNull();
    expect(ruleWith().evaluate(contextOf(replayed, null))).toEqual([]);
  });

  it('shows the latest re-entry on its card, describes itself, and needs a duration', () => {
    const rule = ruleWith({ same_symbol_only: true, larger_size_only: true, remedy: 'cooldown', cooldown: '30m' });
    const account = afterClose();
    expect(rule.measure(contextOf(account)).summary).toBe('No revenge re-entry today');
    expect(reenter(account, 10_000, MNQ, 2, rule)[0]).toMatchObject({
      category: 'cooldown',
      remedy: { kind: 'flatten', lock: { kind: 'cooldown', durationMs: 1_800_000 } },
    });
    expect(rule.measure({ ...contextOf(account), now: CLOSED_AT + 10_000 }).summary).toBe('Re-entered MNQ at 9:00 AM CT after a loss');
    expect(rule.description).toBe(
      'Watches for a new position within 5 min of a losing close (same symbol, larger size only); flattens and pauses trading for 30 min',
    );
    expect(ruleWith().description).toBe(
      'Watches for a new position within 5 min of a losing close; cancels the entry order, or closes the new position',
    );
    expect(() => revengeReentryConfigSchema.parse({})).toThrow();
    expect(() => revengeReentryConfigSchema.parse({ within: '5 minutes' })).toThrow(/must be a duration such as 60s, 30m or 1h/);
  });
});
