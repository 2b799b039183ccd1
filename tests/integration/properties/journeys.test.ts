/**
 * The two journeys of issue 14, replayed against the simulator with every fill's messages
 * delivered in every order of trading-sequence.ts.
 */
import { describe, expect, it } from 'vitest';
import { MNQ } from '../../helpers/trader';
import { deliveries, deliveryLabel, play } from './trading-sequence';

const EVERY_ORDER = deliveries(14).map((delivery) => [deliveryLabel(delivery), delivery] as const);

describe.each(EVERY_ORDER)('the journeys of issue 14, fills delivered %s', (_label, delivery) => {
  it('journey 1: a losing trade worth more than half the limit does not lock (include_unrealized), and the screen shows −343.70', async () => {
    const played = await play({
      rules: { daily_realized_loss: { limit: -500, include_unrealized: true } },
      delivery,
      steps: [
        { kind: 'trade', symbol: 'MNQ', side: 'buy', size: 5 }, // at 21000
        { kind: 'price', symbol: 'MNQ', ticks: -136 }, // 20966: −340.00 open
        { kind: 'trade', symbol: 'MNQ', side: 'sell', size: 5 },
      ],
    });
    expect(played.stopped).toBeNull();
    expect(played.breaches).toEqual([]);
    expect(played.lock).toBeNull();
    expect(played.closes).toEqual([]);
    expect(played.books).toEqual({ realized: -343.7, positions: [] });
    expect(played.screen).toEqual({ realized: -343.7, unrealized: 0, total: -343.7 });
  });

  it('journey 2: the trailing stop fills and Risk Warden leaves no stop and opens no position on the flat contract', async () => {
    const played = await play({
      rules: { trade_management: { auto_breakeven: { profit_ticks: 4 }, trailing_stop: { activation_ticks: 8, trail_ticks: 4 } } },
      delivery,
      steps: [
        { kind: 'trade', symbol: 'MNQ', side: 'buy', size: 2 }, // at 21000
        { kind: 'price', symbol: 'MNQ', ticks: 16 }, // 21004: Risk Warden's stop at 21003
        { kind: 'price', symbol: 'MNQ', ticks: -4 }, // 21003: the stop fills, +12.00
        { kind: 'price', symbol: 'MNQ', ticks: -12 }, // 21000
        { kind: 'price', symbol: 'MNQ', ticks: -8 }, // 20998
      ],
    });
    expect(played.stopped).toBeNull();
    expect(played.orphans).toEqual([]);
    expect(played.oversized).toEqual([]);
    expect(played.fills).toEqual([
      { by: 'trader', side: 'buy', size: 2, contractId: MNQ, price: 21000 },
      { by: 'Risk Warden', side: 'sell', size: 2, contractId: MNQ, price: 21003 },
    ]);
    expect(played.books).toEqual({ realized: 10.52, positions: [] }); // +12.00, fees 4 × 0.37
    // Its one stop, moved up and filled. (A cancel sent for it is no harm: a position message that says flat may come before the order update that says filled.)
    expect(played.riskWardenOrders).toEqual([{ type: 'Stop', side: 'sell', size: 2, stopPrice: 21003, status: 'Filled' }]);
  });
});
