import { describe, expect, it } from 'vitest';
import { FeeCheck } from '../../../src/main/gateway/fee-check';
import { readUserMessage } from '../../../src/main/gateway/normalise';

const trade = (id: number, profitAndLoss: number | null, fees: number, commissions: number) =>
  readUserMessage('GatewayUserTrade', {
    action: 0,
    data: {
      id,
      accountId: 7001,
      contractId: 'CON.F.US.MNQ.U26',
      creationTimestamp: '2026-08-19T20:49:25.3938333+00:00',
      price: 29423,
      profitAndLoss,
      fees,
      commissions,
      side: 0,
      size: 1,
      voided: false,
      orderId: id,
    },
  });
const balance = (value: number) =>
  readUserMessage('GatewayUserAccount', { action: 1, data: { id: 7001, name: 'PRAC', balance: value, canTrade: true } });

function checking() {
  const warnings: string[] = [];
  const check = new FeeCheck({ debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined });
  return { check, warnings };
}

describe('the fee rule checked against the broker’s balance', () => {
  it('is quiet when the balance moves by what the fills booked (fees only)', () => {
    const { check, warnings } = checking();
    for (const message of [balance(50_000), trade(1, null, 0.36, 0.25), trade(2, -49, 0.36, 0.25), balance(49_950.28)])
      check.observe(message);
    expect(warnings).toEqual([]);
  });

  it('says once when the broker also took the commissions, which the P&L leaves out', () => {
    const { check, warnings } = checking();
    for (const message of [balance(50_000), trade(1, -49, 0.36, 0.25), balance(49_950.39), trade(2, 10, 0.36, 0.25), balance(49_959.78)])
      check.observe(message);
    expect(warnings).toEqual([
      "account 7001: the balance moved by -49.61 for fills that booked -49.36: the broker also took their commissions (0.25), which Risk Warden's P&L leaves out (fees only, as Trade/search reports them)",
    ]);
  });

  it('proves nothing from a balance that came before its fill', () => {
    const { check, warnings } = checking();
    for (const message of [balance(50_000), balance(49_950.39), trade(1, -49, 0.36, 0.25), balance(49_950.39)]) check.observe(message);
    expect(warnings).toEqual([]);
  });
});
