import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/shared/domain';
import { AccountGuard } from '../../../src/main/gateway/account-guard';

const login: Account[] = [
  { id: 7001, name: 'PRAC-V2-RW-DEMO-50K', balance: 50_000, canTrade: true },
  { id: 7002, name: 'PRAC-V2-RW-DEMO-100K', balance: 100_000, canTrade: true },
];

describe('account guard', () => {
  it('guards every account of the login when told none, only those it is told to otherwise', () => {
    expect(new AccountGuard([]).select(login).map((a) => a.id)).toEqual([7001, 7002]);
    expect(new AccountGuard([]).covers(9999)).toBe(true);
    const one = new AccountGuard([7002]);
    expect(one.select(login).map((a) => a.id)).toEqual([7002]);
    expect([one.covers(7001), one.covers(7002)]).toEqual([false, true]);
  });

  it.each([
    [
      [9998, 9999],
      login,
      'accounts 9998, 9999 to guard not found for this login (it has 7001 PRAC-V2-RW-DEMO-50K, 7002 PRAC-V2-RW-DEMO-100K)',
    ],
    [[9999], [], 'account 9999 to guard not found for this login (it has no active accounts)'],
  ])('names the accounts to guard that the login lacks: %j', (ids, accounts, message) => {
    expect(() => new AccountGuard(ids).select(accounts)).toThrow(message);
  });
});
