import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../../src/main/enforcement/outcome-text';
import type { Action } from '../../../src/main/enforcement/planner';
import { MarketBook } from '../../../src/main/engine/market-book';
import { CONTRACTS } from '../../helpers/states';

const market = new MarketBook();
for (const contract of Object.values(CONTRACTS)) market.addContract(contract);
const base = { accountId: 1, contractId: CONTRACTS.MNQ!.id, ruleId: 'RULE-001', reason: 'test' };
const close: Action = { ...base, kind: 'closePosition' };
const trim: Action = { ...base, kind: 'reducePosition', size: 2, targetSize: 3 };
const cancel: Action = { ...base, kind: 'cancelOrder', orderId: 12 };
const stop: Action = { ...base, kind: 'moveStop', orderId: 7, stopPrice: 21002, size: 2, side: 'sell' };
const outcome = (action: Action, status: 'done' | 'failed') => ({ action, status, detail: null, label: 'rule breach' });

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
    expect(describeOutcome({ action, status, detail: null, label: 'rule breach' }, market)).toBe(text);
  });

  it('names the traded symbol, not the product segment of the id (ZN trades as CON.F.US.TYA.*)', () => {
    expect(describeOutcome(outcome({ ...close, contractId: CONTRACTS.ZN!.id }, 'done'), market)).toBe('Closed ZN position');
    expect(describeOutcome(outcome({ ...close, contractId: CONTRACTS['6E']!.id }, 'done'), market)).toBe('Closed 6E position');
  });

  it('names a contract whose spec is not known by its id, never by a guess', () => {
    expect(describeOutcome(outcome({ ...close, contractId: 'CON.F.US.USA.Z26' }, 'done'), market)).toBe('Closed CON.F.US.USA.Z26 position');
  });
});
