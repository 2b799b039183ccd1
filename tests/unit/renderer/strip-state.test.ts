import { describe, expect, it } from 'vitest';
import { stripState } from '../../../src/renderer/src/components/strip-state';
import type { AccountView } from '../../../src/shared/contract';
import { accountView, rule, snapshotOf } from '../../helpers/snapshot';

const NOW = Date.parse('2026-11-24T15:00:00.000Z');
const lock = {
  kind: 'untilReset' as const,
  ruleId: 'RULE-003',
  reason: 'Realized P&L today -$520.00 has reached the daily loss limit -$500.00',
  since: '2026-11-24T14:59:00.000Z',
  until: '2026-11-24T23:00:00.000Z',
  ruleTitle: 'Daily realized loss',
  untilText: '5:00 PM CT',
};
const position = (markAt: string | null) => ({
  contractId: 'CON.F.US.MNQ.Z26',
  symbol: 'MNQ',
  size: 1,
  averagePrice: 21000,
  markPrice: 21001,
  markAt,
  unrealized: 2,
});
const secondsAgo = (s: number) => new Date(NOW - s * 1000).toISOString();
const state = (
  accounts: AccountView[],
  overrides: Parameters<typeof snapshotOf>[1] = {},
  transport: 'open' | 'connecting' | 'closed' = 'open',
) => stripState({ transport, snapshot: snapshotOf(accounts, overrides), error: null, now: NOW });

describe('the status strip decides whether the trader is protected', () => {
  it('says offline as soon as the link to Risk Warden is not open, retrying included, once it has been seen', () => {
    expect(state([accountView()], {}, 'connecting').kind).toBe('offline');
    expect(state([accountView()], {}, 'closed').kind).toBe('offline');
    expect(stripState({ transport: 'connecting', snapshot: null, error: null, now: NOW }).kind).toBe('connecting');
    expect(stripState({ transport: 'open', snapshot: null, error: 'the saved gateway is unreachable', now: NOW })).toMatchObject({
      kind: 'offline',
      reason: 'the saved gateway is unreachable',
    });
  });

  it('says NOT protected when the broker ended or refused the session, even over a lock, and keeps the lock in view', () => {
    for (const connectionState of ['failed', 'loggedOut'] as const) {
      const result = state([accountView({ lockout: lock })], {
        connection: { state: connectionState, detail: 'login refused', since: '' },
      });
      expect(result).toMatchObject({ kind: 'unprotected', detail: 'login refused', locks: [{ ruleTitle: 'Daily realized loss' }] });
    }
  });

  it('shows a lock over stale data and warnings', () => {
    const result = state([accountView({ lockout: lock, positions: [position(secondsAgo(600))], rules: [rule('warning', 0.9)] })]);
    expect(result).toMatchObject({ kind: 'locked', locks: [{ accountName: 'PRAC-V2-RW-DEMO-50K', untilText: '5:00 PM CT' }] });
  });

  it('calls marks stale only past the service’s own threshold', () => {
    const held = (s: number) => [accountView({ positions: [position(secondsAgo(s))] })];
    expect(state(held(16)).kind).toBe('stale');
    expect(state(held(14)).kind).toBe('ok');
    expect(state(held(40), { marksStaleAfterMs: 60_000 }).kind).toBe('ok');
    expect(state(held(61), { marksStaleAfterMs: 60_000 })).toMatchObject({ kind: 'stale', because: 'marks' });
    expect(state([accountView({ positions: [position(null)] })]).kind).toBe('ok');
  });

  it('puts a broken rule first, then an action about to happen, then the highest ladder step', () => {
    const imminent = {
      ...rule('ok', 0),
      title: 'Stop loss required',
      imminent: { at: secondsAgo(-6), text: 'MNQ will be closed unless a stop is placed' },
    };
    const result = state([accountView({ rules: [rule('warning', 0.55), imminent, rule('warning', 0.72), rule('breached', 1.1)] })]);
    expect(result.kind).toBe('warning');
    if (result.kind !== 'warning') return;
    expect(result.rules.map((r) => r.what)).toEqual([
      'is broken',
      ': MNQ will be closed unless a stop is placed',
      'is past 70 % of its limit',
      'is past 50 % of its limit',
    ]);
  });

  it('is OK when nothing above holds', () => {
    expect(state([accountView({ rules: [rule('ok', 0.3)] })]).kind).toBe('ok');
  });
});
