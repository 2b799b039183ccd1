import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src/shared/contract';
import type { RuleStatus } from '../../../src/shared/rules';
import { actionWords } from '../../../src/renderer/src/components/audit-words';
import { enforcementsOf } from '../../../src/renderer/src/components/enforcements';
import { byUrgency, stateLabel } from '../../../src/renderer/src/components/rule-order';
import { byDay } from '../../../src/renderer/src/components/timeline-days';

function rule(ruleId: string, state: RuleStatus['state'], more: Partial<RuleStatus> = {}): RuleStatus {
  return {
    ruleId,
    name: ruleId,
    title: ruleId,
    enabled: state !== 'off',
    value: 0,
    limit: 5,
    unit: 'contracts',
    usage: 0,
    breached: state === 'breached',
    state,
    gauge: true,
    steps: [0.5, 0.7, 0.85],
    step: null,
    description: '',
    imminent: null,
    summary: '',
    lastBreachAt: null,
    override: null,
    ...more,
  };
}

function entry(id: number, more: Partial<TimelineEntry>): TimelineEntry {
  return { id, at: '2026-11-26T14:30:00.000Z', kind: 'fill', tone: 'info', accountId: 1, title: `entry ${id}`, detail: null, ...more };
}

describe('rule cards', () => {
  it('put what locked or broke first, then what is about to act, the warning ladder from its top, then calm and off', () => {
    const rules = [
      rule('off', 'off'),
      rule('ok', 'ok'),
      rule('warn50', 'warning', { step: 0.5 }),
      rule('imminent', 'ok', { imminent: { at: '2026-11-26T14:30:06.000Z', text: 'MNQ closed unless a stop is placed' } }),
      rule('warn85', 'warning', { step: 0.85 }),
      rule('breached', 'breached'),
      rule('locked', 'locked'),
    ];
    expect(byUrgency(rules).map((r) => r.ruleId)).toEqual(['locked', 'breached', 'imminent', 'warn85', 'warn50', 'ok', 'off']);
  });

  it('say the warning ladder step in words, and no share of a limit for a yes/no rule', () => {
    expect(stateLabel(rule('a', 'warning', { step: 0.7 }))).toBe('Warning — past 70 % of limit');
    expect(stateLabel(rule('b', 'warning', { step: 0.7, gauge: false }))).toBe('Warning');
    expect(stateLabel(rule('c', 'locked'))).toBe('Locked');
  });
});

describe('the "just enforced" banner', () => {
  it('keeps what Risk Warden did to this account: closes and cancels that warn; not the lock (its own banner), fills, automation or other accounts', () => {
    const entries = [
      entry(1, { kind: 'enforcement', tone: 'warn' }),
      entry(2, { kind: 'enforcement', tone: 'info' }),
      entry(3, { kind: 'lockout', tone: 'bad' }),
      entry(4, { kind: 'automation', tone: 'info' }),
      entry(5, { kind: 'enforcement', tone: 'bad', accountId: 2 }),
      entry(6, { kind: 'fill' }),
    ];
    expect(enforcementsOf(entries, 1).map((e) => e.id)).toEqual([1]);
  });
});

describe('the timeline', () => {
  it('starts a new day in the trading zone, newest first', () => {
    const entries = [
      entry(1, { at: '2026-11-26T22:00:00.000Z' }), // Thu 4:00 PM CT
      entry(2, { at: '2026-11-27T03:00:00.000Z' }), // still Thu 9:00 PM CT
      entry(3, { at: '2026-11-27T14:00:00.000Z' }), // Fri 8:00 AM CT
    ];
    expect(byDay(entries, 'America/Chicago').map((d) => [d.label, d.entries.map((e) => e.id)])).toEqual([
      ['Fri Nov 27', [3]],
      ['Thu Nov 26', [2, 1]],
    ]);
  });
});

describe('the audit log', () => {
  it('says what was done in words, keeping the words a reader searches for', () => {
    expect(actionWords('unlock denied')).toBe('Admin unlock denied');
    expect(actionWords('daily reset')).toContain('daily reset');
    expect(actionWords('some_new-code')).toBe('Some new code');
  });
});
