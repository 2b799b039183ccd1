import { describe, expect, it } from 'vitest';
import { notificationsSince } from '../../../src/main/desktop/notifications';
import { quitWarning } from '../../../src/main/desktop/quit-warning';
import { trayState } from '../../../src/main/desktop/tray-state';
import { accountView, rule, snapshotOf } from '../../helpers/snapshot';

const lock = { kind: 'untilReset' as const, ruleId: 'RULE-003', reason: 'daily loss −556.34', since: '2026-11-24T15:00:00.000Z', until: '2026-11-24T23:00:00.000Z' };
const position = { contractId: 'CON.F.US.MNQ.Z26', symbol: 'MNQ', size: 2, averagePrice: 21000, markPrice: 21001, unrealized: 4, };

describe('tray state', () => {
  it.each([
    ['ok', snapshotOf([accountView()])],
    ['warning', snapshotOf([accountView({ rules: [rule('ok', 0.1), rule('warning', 0.8)] })])],
    ['warning', snapshotOf([accountView({ rules: [rule('breached', 1.1)] })])],
    ['locked', snapshotOf([accountView({ lockout: lock, rules: [rule('breached', 1.1)] })])],
    ['locked', snapshotOf([accountView({ lockout: lock })], { connection: { state: 'reconnecting', detail: null, since: '' } })],
    ['disconnected', snapshotOf([accountView({ rules: [rule('warning', 0.9)] })], { connection: { state: 'reconnecting', detail: 'socket closed', since: '' } })],
    ['disconnected', snapshotOf([accountView()], { connection: { state: 'stale', detail: null, since: '' } })],
    ['disconnected', null],
  ] as const)('shows %s', (icon, snapshot) => {
    expect(trayState(snapshot).icon).toBe(icon);
  });

  it("puts today's P&L and the lock's end in the trading timezone in the tooltip", () => {
    expect(trayState(snapshotOf([accountView({ lockout: lock })])).tooltip).toBe('Risk Warden — live\nPRAC-V2-RW-DEMO-50K: -$100.50 today · LOCKED until 17:00 CST (RULE-003)');
    expect(trayState(snapshotOf([accountView({ pnl: { realized: 250, unrealized: 0, total: 250, fees: 0 } })], { mode: 'demo', enforcementMode: 'dry_run' })).tooltip).toBe(
      'Risk Warden (demo) — DRY RUN — live\nPRAC-V2-RW-DEMO-50K: +$250.00 today · trading allowed',
    );
    expect(trayState(snapshotOf([accountView({ lockout: { ...lock, kind: 'untilAdmin', until: null } })])).tooltip).toContain('LOCKED until admin unlock (RULE-003)');
  });
});

describe('quit confirmation', () => {
  it('asks only when positions are open or an account is locked, and says enforcement stops', () => {
    expect(quitWarning(snapshotOf([accountView()]))).toBeNull();
    expect(quitWarning(null)).toBeNull();
    expect(quitWarning(snapshotOf([accountView({ positions: [position] })]))).toBe(
      '1 position is open. If Risk Warden quits, enforcement stops: no rule will close a position or keep a locked account flat until it runs again.',
    );
    expect(quitWarning(snapshotOf([accountView({ positions: [position, { ...position, symbol: 'ES' }], lockout: lock })]))).toMatch(/^2 positions are open and PRAC-V2-RW-DEMO-50K is locked\. If Risk Warden quits, enforcement stops/);
  });
});

describe('desktop notifications', () => {
  it('notifies every new breach and lock once, oldest first, and nothing else', () => {
    const entry = (id: number, kind: 'breach' | 'lockout' | 'fill') => ({ id, at: '', kind, accountId: 7001, title: `${kind} ${id}`, detail: null });
    const snapshot = snapshotOf([], { timeline: [entry(5, 'lockout'), entry(4, 'breach'), entry(3, 'fill'), entry(2, 'breach')] });
    expect(notificationsSince(2, snapshot).map((e) => e.id)).toEqual([4, 5]);
    expect(notificationsSince(5, snapshot)).toEqual([]);
  });
});
