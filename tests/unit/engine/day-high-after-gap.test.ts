/**
 * After a reconnect the positions are the broker's (re-bought during the gap) while a quiet
 * contract's mark is still the last quote from before the gap: that mix is no P&L, and must neither
 * raise the day's high for good nor judge the trailing floor until the contract is quoted again.
 */
import { describe, expect, it } from 'vitest';
import { trailingDailyLossConfigSchema, trailingDailyLossRule } from '../../../src/main/engine/rules/trailing-daily-loss';
import { accountWith, CONTRACTS, contextOf, position } from '../../helpers/states';

const MNQ = CONTRACTS.MNQ!.id;
const quote = (lastPrice: number) => ({ contractId: MNQ, lastPrice, bestBid: null, bestAsk: null, timestamp: '' });

describe("the day's high across a connection gap", () => {
  it('ignores the open P&L of a position re-synced after the gap until its contract is quoted again, so a flat day is not locked', () => {
    const rule = trailingDailyLossRule(trailingDailyLossConfigSchema.parse({ distance: 100, measure: 'total' }));
    const account = accountWith({ positions: [position('MNQ', 1, 21040)] });
    account.market.applyQuote(quote(21040), 1_000);
    account.dayHigh.follow(account);
    // The connection drops at t=2000; during the gap the trader closes and buys again at 20960; the REST sync brings that.
    account.reconcile({ accountId: account.id, positions: [position('MNQ', 1, 20960)], orders: [], fills: [] });
    account.marksValidFrom = 2_000;
    account.dayHigh.follow(account);
    expect(account.dayHigh.of('total')).toBe(0);
    expect(rule.evaluate(contextOf(account))).toEqual([]);

    account.market.applyQuote(quote(20960), 3_000);
    account.dayHigh.follow(account);
    expect(account.dayHigh.of('total')).toBe(0);
    expect(rule.evaluate(contextOf(account))).toEqual([]);
    account.market.applyQuote(quote(21000), 4_000); // 40 points = 160 ticks × $0.50 = +$80.00: a real gain raises the high
    account.dayHigh.follow(account);
    expect(account.dayHigh.of('total')).toBe(80);
  });
});
