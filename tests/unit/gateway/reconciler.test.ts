import { describe, expect, it } from 'vitest';
import type { Account, Fill, Order } from '../../../src/shared/domain';
import type { AccountSync } from '../../../src/main/engine/account-state';
import type { Priority } from '../../../src/main/gateway/pacer';
import { Reconciler } from '../../../src/main/gateway/reconciler';
import { FakeClock, flushMicrotasks } from '../../helpers/fake-clock';

const T0 = Date.parse('2031-03-10T14:00:00Z');
const DAY_START = Date.parse('2031-03-09T22:00:00Z');
const MNQ = 'CON.F.US.MNQ.H31';

const account: Account = { id: 7001, name: 'PRAC-V2-RW-DEMO-50K', balance: 49_800, canTrade: true };
const stop: Order = {
  id: 41,
  accountId: 7001,
  contractId: MNQ,
  kind: 'stop',
  side: 'sell',
  size: 2,
  state: 'open',
  limitPrice: null,
  stopPrice: 20_950,
};
const fill: Fill = {
  id: 9,
  accountId: 7001,
  contractId: MNQ,
  orderId: 40,
  timestamp: '2031-03-10T13:59:00Z',
  price: 21_000,
  size: 2,
  profitAndLoss: null,
  fees: 0.74,
  voided: false,
};

/** A reconciler over a scripted REST API: Account/search fails while `failing` is above zero. */
function setup() {
  const clock = new FakeClock(T0);
  const reads: { endpoint: string; at: number; priority: Priority | undefined; since?: string }[] = [];
  const state = { failing: 0, hold: null as Promise<void> | null };
  const warnings: string[] = [];
  const synced: AccountSync[][] = [];
  const reconciler = new Reconciler({
    api: {
      searchAccounts: async (priority) => {
        reads.push({ endpoint: 'Account/search', at: clock.now(), priority });
        await state.hold;
        if (state.failing > 0) {
          state.failing--;
          throw new Error('Account/search: HTTP 503');
        }
        return [account];
      },
      openPositions: async (accountId, priority) => {
        reads.push({ endpoint: 'Position/searchOpen', at: clock.now(), priority });
        return [
          { type: 'position', position: { accountId, contractId: MNQ, size: 2, averagePrice: 21_000 } },
          { type: 'positionClosed', accountId, contractId: 'CON.F.US.EP.H31' },
        ];
      },
      openOrders: async (_accountId, priority) => {
        reads.push({ endpoint: 'Order/searchOpen', at: clock.now(), priority });
        return [stop];
      },
      trades: async (_accountId, since, priority) => {
        reads.push({ endpoint: 'Trade/search', at: clock.now(), priority, since });
        return [fill];
      },
    },
    session: { authed: (call) => call() },
    clock,
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    accountIds: () => [7001],
    tradingDayStart: () => DAY_START,
    onSync: async (syncs) => void synced.push(syncs),
  });
  const searches = () => reads.filter((r) => r.endpoint === 'Account/search').map((r) => r.at - T0);
  return { clock, reconciler, reads, state, warnings, synced, searches };
}

describe('reconciler', () => {
  it("reads each guarded account's balance, open positions, working orders and today's fills, ahead of ordinary calls", async () => {
    const { reconciler, reads } = setup();
    expect(await reconciler.load()).toEqual([
      {
        accountId: 7001,
        account,
        positions: [{ accountId: 7001, contractId: MNQ, size: 2, averagePrice: 21_000 }],
        orders: [stop],
        fills: [fill],
      },
    ]);
    expect(reads.map((r) => r.priority)).toEqual(['reconcile', 'reconcile', 'reconcile', 'reconcile']);
    expect(reads.find((r) => r.endpoint === 'Trade/search')?.since).toBe('2031-03-09T22:00:00.000Z');
  });

  it("retries a failed reconcile on the table's steps, staying on the last one, until it succeeds", async () => {
    const { clock, reconciler, state, warnings, synced, searches } = setup();
    state.failing = 6;
    const done = reconciler.request();
    await clock.advance(250 + 1000 + 2000 + 5000 + 10_000 + 10_000);
    await done;
    expect(searches()).toEqual([0, 250, 1250, 3250, 8250, 18_250, 28_250]);
    expect(warnings.map((w) => /retrying in (\d+) ms/.exec(w)?.[1])).toEqual(['250', '1000', '2000', '5000', '10000', '10000']);
    expect(synced).toHaveLength(1);
  });

  it('runs once more when asked while reading, and only once however often it was asked', async () => {
    const { reconciler, state, synced, searches } = setup();
    let release!: () => void;
    state.hold = new Promise((resolve) => (release = resolve));
    const first = reconciler.request();
    expect(reconciler.request()).toBe(first);
    void reconciler.request();
    await flushMicrotasks();
    expect(searches()).toEqual([0]);
    state.hold = null;
    release();
    await first;
    expect(searches()).toEqual([0, 0]);
    expect(synced).toHaveLength(2);
  });

  it('gives up retrying once stopped', async () => {
    const { clock, reconciler, state, searches } = setup();
    state.failing = 10;
    const done = reconciler.request();
    await clock.advance(250);
    reconciler.stop();
    await clock.advance(60_000);
    await done;
    expect(searches()).toEqual([0, 250]);
  });
});
