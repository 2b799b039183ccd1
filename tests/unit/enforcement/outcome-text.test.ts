import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../../src/main/enforcement/outcome-text';
import type { Action } from '../../../src/main/enforcement/planner';

const base = { accountId: 1, contractId: 'CON.F.US.MNQ.Z26', ruleId: 'RULE-001', reason: 'test' };
const close: Action = { ...base, kind: 'closePosition' };
const trim: Action = { ...base, kind: 'reducePosition', size: 2, targetSize: 3 };
const cancel: Action = { ...base, kind: 'cancelOrder', orderId: 12 };
const stop: Action = { ...base, kind: 'moveStop', orderId: 7, stopPrice: 21002, size: 2, side: 'sell' };

describe('enforcement outcome in the timeline', () => {
  it.each([
    [close, 'done', 'Closed MNQ position'],
    [trim, 'done', 'Reduced MNQ position by 2'],
    [cancel, 'failed', 'Could not cancel MNQ order 12'],
    [stop, 'done', 'Moved the stop of MNQ position to 21002'],
    [close, 'not_needed', 'No need to close MNQ position: already done'],
    [trim, 'dry_run', 'Dry run: would reduce MNQ position by 2'],
    [cancel, 'sent', 'Sent: cancel MNQ order 12'],
  ] as const)('words %o %s as "%s"', (action, status, text) => {
    expect(describeOutcome({ action, status, detail: null, label: 'rule breach' })).toBe(text);
  });
});
