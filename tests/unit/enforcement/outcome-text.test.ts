import { describe, expect, it } from 'vitest';
import { describeOutcome } from '../../../src/main/enforcement/outcome-text';
import type { Action } from '../../../src/main/enforcement/planner';
import { MarketBook } from '../../../src/main/engine/market-book';
import { CONTRACTS } from '../../helpers/states';

const market = new MarketBook();
for (const contract of Object.values(CONTRACTS)) market.addContract(contract);
const base = { accountId: 1, contractId: CONTRACTS.MNQ!.id, ruleId: 'RULE-001', ruleTitle: 'Max contracts', reason: 'test' };
const close: Action = { ...base, kind: 'closePosition', size: 6 };
const trim: Action = { ...base, kind: 'reducePosition', size: 2, targetSize: 3 };
const cancel: Action = { ...base, kind: 'cancelOrder', orderId: 12 };
const stop: Action = { ...base, ruleTitle: 'Trade management', kind: 'moveStop', orderId: 7, stopPrice: 21002.25, size: 2, side: 'sell' };
const place: Action = { ...stop, orderId: null };
const outcome = (action: Action, status: 'done' | 'failed') => ({ action, status, detail: null, label: 'rule breach' });

describe('enforcement outcome in the timeline', () => {
  it.each([
    [close, 'done', 'Closed MNQ (6 contracts): max contracts'],
    [{ ...close, size: 1 }, 'done', 'Closed MNQ (1 contract): max contracts'],
    [trim, 'done', 'Reduced MNQ by 2 contracts to 3: max contracts'],
    [cancel, 'failed', 'Could not cancel MNQ order 12: max contracts'],
    [stop, 'done', 'Moved the MNQ stop to 21,002.25: trade management'],
    [place, 'done', 'Placed a stop on MNQ at 21,002.25: trade management'],
    [close, 'failed', 'Could not close MNQ (6 contracts): max contracts'],
    [trim, 'dry_run', 'Dry run: would reduce MNQ by 2 contracts to 3: max contracts'],
    [cancel, 'sent', 'Sent: cancel MNQ order 12: max contracts'],
  ] as const)('words %o %s as "%s"', (action, status, text) => {
    expect(describeOutcome({ action, status, detail: null, label: 'rule breach' }, market)).toBe(text);
  });

  it('says neither a rule id nor a config key', () => {
    const text = describeOutcome(outcome(close, 'done'), market);
    expect(text).not.toMatch(/RULE-|max_contracts|closePosition/);
  });

  it('leaves the rule out when its title is not known, and the size when the close did not see it', () => {
    const unsized: Action = { kind: 'closePosition', accountId: 1, contractId: CONTRACTS.MNQ!.id, ruleId: 'RULE-001', reason: 'test' };
    expect(describeOutcome(outcome(unsized, 'done'), market)).toBe('Closed MNQ');
  });

  it('names the traded symbol, not the product segment of the id (ZN trades as CON.F.US.TYA.*)', () => {
    expect(describeOutcome(outcome({ ...close, contractId: CONTRACTS.ZN!.id }, 'done'), market)).toBe(
      'Closed ZN (6 contracts): max contracts',
    );
    expect(describeOutcome(outcome({ ...close, contractId: CONTRACTS['6E']!.id }, 'done'), market)).toBe(
      'Closed 6E (6 contracts): max contracts',
    );
  });

  it('names a contract whose spec is not known by its id, never by a guess', () => {
    expect(describeOutcome(outcome({ ...close, contractId: 'CON.F.US.USA.Z26' }, 'done'), market)).toBe(
      'Closed CON.F.US.USA.Z26 (6 contracts): max contracts',
    );
  });
});
