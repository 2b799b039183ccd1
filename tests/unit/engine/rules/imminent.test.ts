import { describe, expect, it } from 'vitest';
import { noStopLossGraceConfigSchema, noStopLossGraceRule } from '../../../../src/main/engine/rules/no-stop-loss-grace';
import { accountWith, CONTRACTS, contextOf, order, position } from '../../../helpers/states';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const rule = noStopLossGraceRule(noStopLossGraceConfigSchema.parse({ grace_period_seconds: 10 }));
const CLOSED_UNLESS_STOP = 'MNQ will be closed unless a stop is placed';

/** RULE-008's card says, before it acts, which position it will close and when. */
describe('RULE-008: the close ahead of a position without a stop', () => {
  it.each([
    ['the grace has just started', 0, { at: T0 + 10_000, text: CLOSED_UNLESS_STOP }],
    ['1 s of grace is left', 9_000, { at: T0 + 10_000, text: CLOSED_UNLESS_STOP }],
    ['the grace ends now: the close is no longer ahead', 10_000, undefined],
    ['the grace has passed', 12_000, undefined],
  ])('%s', (_when, elapsed, imminent) => {
    const account = accountWith({ positions: [position('MNQ', 1)] });
    account.updateProtection(T0);
    expect(rule.measure({ ...contextOf(account), now: T0 + elapsed }).imminent).toEqual(imminent);
  });

  it('names the position whose grace runs out first', () => {
    const account = accountWith({ positions: [position('MNQ', 1), position('ES', -1)] });
    account.apply({ type: 'order', order: order(5, CONTRACTS.MNQ!.id, { kind: 'stop', side: 'sell', limitPrice: null, stopPrice: 95 }) });
    account.updateProtection(T0 - 3_000); // ES unprotected from here
    account.apply({
      type: 'order',
      order: order(5, CONTRACTS.MNQ!.id, { kind: 'stop', side: 'sell', limitPrice: null, stopPrice: 95, state: 'cancelled' }),
    });
    account.updateProtection(T0); // MNQ from here
    expect(rule.measure({ ...contextOf(account), now: T0 + 1_000 }).imminent).toEqual({
      at: T0 + 7_000,
      text: 'ES will be closed unless a stop is placed',
    });
  });

  it('has nothing ahead when every position has a stop, or none is open', () => {
    const account = accountWith({ positions: [position('MNQ', 1)] });
    account.apply({ type: 'order', order: order(5, CONTRACTS.MNQ!.id, { kind: 'stop', side: 'sell', limitPrice: null, stopPrice: 95 }) });
    account.updateProtection(T0);
    expect(rule.measure(contextOf(account)).imminent).toBeUndefined();
    expect(rule.measure(contextOf(accountWith())).imminent).toBeUndefined();
  });
});
