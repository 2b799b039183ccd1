import { describe, expect, it } from 'vitest';
import { CONTRACTS, fill } from '../../helpers/states';
import { openTestStore } from '../../helpers/store';

describe('the stored fills of a range of trading days', () => {
  it('returns the account’s fills from the first day up to, not including, the last, oldest first, an opening fill’s P&L as null', () => {
    const { store } = openTestStore();
    const es = CONTRACTS.ES!.id;
    const opening = { ...fill(es, 1, null, 1.4), orderId: 11 };
    const closing = { ...fill(es, -1, -250, 1.4), orderId: 12 };
    store.recordFill({ ...fill(es, 1, null), orderId: 10 }, '2026-11-22');
    store.recordFill(opening, '2026-11-23');
    store.recordFill(closing, '2026-11-24');
    store.recordFill({ ...fill(es, 1, null), orderId: 13, accountId: 2 }, '2026-11-24');
    store.recordFill({ ...fill(es, 1, null), orderId: 14 }, '2026-11-25');
    expect(store.fillsOfDays(1, '2026-11-23', '2026-11-25')).toEqual([
      { orderId: 11, profitAndLoss: null, fees: 1.4, tradingDay: '2026-11-23' },
      { orderId: 12, profitAndLoss: -250, fees: 1.4, tradingDay: '2026-11-24' },
    ]);
    expect(store.fillsOfDays(1, '2026-11-25', '2026-11-25')).toEqual([]);
  });
});
