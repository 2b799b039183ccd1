/**
 * The order the simulator sends a fill's messages in: its own order by default, the live
 * gateway's, position before trade, a seeded shuffle per fill, and a replayed trade and position.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OrderSide, OrderStatus, OrderType } from '../../../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../../../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../../src/main/sim/contracts';
import { Exchange, type SimEvent } from '../../../src/main/sim/exchange';
import type { FillDeliveryOptions } from '../../../src/main/sim/fill-delivery';
import { startSimulator, type Simulator } from '../../../src/main/sim/simulator';

const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ.id;

/** An exchange whose published messages are kept, and a market order's messages from its fill on. */
function recording(delivery?: FillDeliveryOptions) {
  const events: SimEvent[] = [];
  const exchange = new Exchange((event) => events.push(event), Date.now, delivery);
  const fillMessages = (side: number, size: number): SimEvent[] => {
    events.length = 0;
    exchange.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side, size });
    // The first message is the order as placed (pending); the fill's messages follow.
    return events.slice(1);
  };
  return { exchange, events, fillMessages };
}

const topics = (events: readonly SimEvent[]) => events.map((e) => e.topic);

describe('the order of a fill’s messages', () => {
  it.each<[FillDeliveryOptions | undefined, string[]]>([
    [undefined, ['order', 'print', 'trade', 'position', 'account']],
    [{ order: 'simulator' }, ['order', 'print', 'trade', 'position', 'account']],
    [{ order: 'live' }, ['print', 'order', 'trade', 'position', 'account']],
    [{ order: 'positionFirst' }, ['print', 'order', 'position', 'trade', 'account']],
    [{ order: 'live', duplicates: true }, ['print', 'order', 'trade', 'position', 'account', 'trade', 'position']],
    [{ order: 'simulator', duplicates: true }, ['order', 'print', 'trade', 'position', 'account', 'trade', 'position']],
  ])('%j sends %j', (delivery, expected) => {
    const { fillMessages } = recording(delivery);
    expect(topics(fillMessages(OrderSide.Bid, 2))).toEqual(expected);
    expect(topics(fillMessages(OrderSide.Ask, 2))).toEqual(expected);
  });

  it('sends the filled order with its new status and the books as the fill left them, whatever the order', () => {
    const { fillMessages } = recording({ order: 'positionFirst' });
    fillMessages(OrderSide.Bid, 3);
    const closing = fillMessages(OrderSide.Ask, 3);
    const byTopic = Object.fromEntries(closing.map((e) => [e.topic, e.payload])) as Record<string, Record<string, unknown>>;
    expect(byTopic.order).toMatchObject({ status: OrderStatus.Filled, fillVolume: 3 });
    expect(byTopic.position).toMatchObject({ size: 0 });
    expect(byTopic.trade).toMatchObject({ size: 3, side: OrderSide.Ask, profitAndLoss: 0 });
  });

  it('replays the same trade and position, not new ones', () => {
    const { fillMessages } = recording({ order: 'shuffled', duplicates: true, seed: 5 });
    const messages = fillMessages(OrderSide.Bid, 1);
    const trades = messages.filter((e) => e.topic === 'trade').map((e) => e.payload);
    const positions = messages.filter((e) => e.topic === 'position').map((e) => e.payload);
    expect(trades).toHaveLength(2);
    expect(trades[1]).toEqual(trades[0]);
    expect(positions).toHaveLength(2);
    expect(positions[1]).toEqual(positions[0]);
  });

  it('shuffles every fill afresh, each a permutation, all 24 of them in time, the same for the same seed', () => {
    const draw = (seed: number) => {
      const { fillMessages } = recording({ order: 'shuffled', seed });
      return Array.from({ length: 300 }, (_, i) => topics(fillMessages(i % 2 ? OrderSide.Ask : OrderSide.Bid, 1)).join(' '));
    };
    const seven = draw(7);
    for (const sequence of seven) {
      const [first, ...rest] = sequence.split(' ');
      expect(first).toBe('print');
      expect([...rest].sort()).toEqual(['account', 'order', 'position', 'trade']);
    }
    expect(new Set(seven).size).toBe(24);
    expect(draw(7)).toEqual(seven);
    expect(draw(8)).not.toEqual(seven);
  });

  it('keeps the OCO sibling’s cancel with the filled leg’s update', () => {
    const { exchange, events } = recording({ order: 'positionFirst' });
    exchange.placeOrder({
      accountId: ACCOUNT,
      contractId: MNQ,
      type: OrderType.Market,
      side: OrderSide.Bid,
      size: 1,
      stopLossBracket: { ticks: -8, type: OrderType.Stop },
      takeProfitBracket: { ticks: 8, type: OrderType.Limit },
    });
    events.length = 0;
    exchange.setPrice(MNQ, 21002);
    const fill = events.slice(events.findIndex((e) => e.topic === 'print'));
    expect(topics(fill)).toEqual(['print', 'order', 'order', 'position', 'trade', 'account']);
    const [filled, cancelled] = fill.slice(1, 3).map((e) => e.payload as { type: number; status: number });
    expect(filled).toMatchObject({ type: OrderType.Limit, status: OrderStatus.Filled });
    expect(cancelled).toMatchObject({ type: OrderType.Stop, status: OrderStatus.Cancelled });
  });

  it('starts again from its initial order and seed after a reset', () => {
    const { exchange, fillMessages } = recording({ order: 'shuffled', seed: 3 });
    const first = Array.from({ length: 10 }, () => topics(fillMessages(OrderSide.Bid, 1)));
    exchange.deliverFills({ order: 'live' });
    expect(topics(fillMessages(OrderSide.Bid, 1))).toEqual(['print', 'order', 'trade', 'position', 'account']);
    exchange.reset();
    expect(Array.from({ length: 10 }, () => topics(fillMessages(OrderSide.Bid, 1)))).toEqual(first);
  });
});

describe('the fill order over the control API', () => {
  let sim: Simulator | undefined;
  afterEach(async () => sim?.close());

  const post = (path: string, body: unknown) =>
    fetch(`${sim!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const state = async () => ((await (await fetch(`${sim!.url}/sim/state`)).json()) as { fillDelivery: unknown }).fillDelivery;

  it('starts with the option, changes through /sim/faults, refuses an unknown order and goes back on /sim/reset', async () => {
    sim = await startSimulator({ fillDelivery: { order: 'positionFirst' } });
    expect(await state()).toEqual({ order: 'positionFirst' });
    expect((await post('/sim/faults', { fillDelivery: { order: 'shuffled', seed: 9, duplicates: true } })).status).toBe(200);
    expect(await state()).toEqual({ order: 'shuffled', seed: 9, duplicates: true });
    const refused = await post('/sim/faults', { fillDelivery: { order: 'backwards' } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('fillDelivery.order');
    expect((await post('/sim/reset', {})).status).toBe(200);
    expect(await state()).toEqual({ order: 'positionFirst' });
  });

  it('sends the simulator’s own order when no option is given', async () => {
    sim = await startSimulator();
    expect(await state()).toEqual({ order: 'simulator' });
  });
});
