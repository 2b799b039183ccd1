/**
 * For any sequence of fills and price moves, Risk Warden's realized P&L (from the wire events it
 * normalises) equals the simulator's own books and an independent average-cost model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountState } from '../../../src/main/engine/account-state';
import { MarketBook } from '../../../src/main/engine/market-book';
import { toFill, toPositionEvent } from '../../../src/main/gateway/normalise';
import { OrderSide, OrderType, PositionType } from '../../../src/main/gateway/wire';
import { SIM_CONTRACTS } from '../../../src/main/sim/contracts';
import { DEMO_ACCOUNTS, Exchange, type SimEvent } from '../../../src/main/sim/exchange';
import { tradedSymbol } from '../../../src/shared/symbols';

const step = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    contract: fc.integer({ min: 0, max: 3 }),
    buy: fc.boolean(),
    size: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('price' as const), contract: fc.integer({ min: 0, max: 3 }), ticks: fc.integer({ min: -40, max: 40 }) }),
);

/** Average-cost accounting, written apart from the simulator's. */
function modelRealized(fills: { contractId: string; price: number; size: number; fees: number }[]): number {
  const book = new Map<string, { size: number; avg: number }>();
  let realized = 0;
  for (const fill of fills) {
    const spec = SIM_CONTRACTS.find((c) => c.id === fill.contractId)!;
    const position = book.get(fill.contractId) ?? { size: 0, avg: 0 };
    realized -= fill.fees;
    if (position.size === 0 || Math.sign(position.size) === Math.sign(fill.size)) {
      position.avg =
        (position.avg * Math.abs(position.size) + fill.price * Math.abs(fill.size)) / (Math.abs(position.size) + Math.abs(fill.size));
    } else {
      const closed = Math.min(Math.abs(fill.size), Math.abs(position.size));
      // Each closing fill's P&L is reported in cents.
      realized +=
        Math.round(Math.sign(position.size) * closed * ((fill.price - position.avg) / spec.tickSize) * spec.tickValue * 100) / 100;
      if (Math.abs(fill.size) > Math.abs(position.size)) position.avg = fill.price;
    }
    position.size += fill.size;
    book.set(fill.contractId, position);
  }
  return realized;
}

describe('P&L of any fill sequence (property)', () => {
  it('equals the simulator’s books and an independent average-cost model', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const events: SimEvent[] = [];
        const exchange = new Exchange((e) => events.push(e));
        for (const s of steps) {
          const contract = SIM_CONTRACTS[s.contract]!;
          if (s.kind === 'price') exchange.setPrice(contract.id, exchange.price(contract.id)! + s.ticks * contract.tickSize);
          else
            exchange.placeOrder({
              accountId: DEMO_ACCOUNTS[0]!.id,
              contractId: contract.id,
              type: OrderType.Market,
              side: s.buy ? OrderSide.Bid : OrderSide.Ask,
              size: s.size,
            });
        }
        const market = new MarketBook();
        for (const c of SIM_CONTRACTS) market.addContract({ ...c, symbol: tradedSymbol(c.name) });
        const account = new AccountState({ ...DEMO_ACCOUNTS[0]! }, market);
        for (const e of events) {
          if (e.topic === 'trade') account.apply({ type: 'fill', fill: toFill(e.payload) });
          if (e.topic === 'position') account.apply(toPositionEvent(e.payload));
        }
        const fills = exchange.state().trades.map((t) => ({
          contractId: t.contractId,
          price: t.price,
          size: t.side === OrderSide.Bid ? t.size : -t.size,
          fees: t.fees,
        }));
        const booked = exchange.accountList()[0]!.balance - DEMO_ACCOUNTS[0]!.balance;
        expect(account.realizedPnl()).toBeCloseTo(booked, 6);
        expect(account.realizedPnl()).toBeCloseTo(modelRealized(fills), 6);
        expect(
          account
            .positions()
            .map((p) => [p.contractId, p.size])
            .sort(),
        ).toEqual(
          exchange
            .state()
            .positions.map((p) => [p.contractId, p.type === PositionType.Long ? p.size : -p.size])
            .sort(),
        );
      }),
      { numRuns: 200 },
    );
  });
});
