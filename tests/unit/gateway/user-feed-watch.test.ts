import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/shared/domain';
import { UserFeedWatch } from '../../../src/main/gateway/user-feed-watch';
import { FakeClock } from '../../helpers/fake-clock';

const heard: Account = { id: 7001, name: 'PRAC-V2-RW-DEMO-50K', balance: 50_000, canTrade: true };

/** A watch over a scripted Account/search; `rest` is what REST answers now. */
function watching() {
  const state = { rest: [heard], connected: true, failing: false };
  const restarts: string[] = [];
  const watch = new UserFeedWatch({
    api: {
      searchAccounts: async () => {
        if (state.failing) throw new Error('Account/search: HTTP 503');
        return state.rest;
      },
    },
    session: { authed: (call) => call() },
    clock: new FakeClock(0),
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    accountIds: () => [7001],
    hubConnected: () => state.connected,
    restart: async (reason) => void restarts.push(reason),
  });
  watch.heard(heard);
  return { watch, state, restarts };
}

describe('the user feed heartbeat', () => {
  it('leaves a silent hub alone while REST agrees with it (flat, nothing happening)', async () => {
    const { watch, restarts } = watching();
    for (let i = 0; i < 5; i++) await watch.beat();
    expect(restarts).toEqual([]);
  });

  it('gives a difference one beat (a message may be in flight), and restarts the hub when it is still there on the next', async () => {
    const { watch, state, restarts } = watching();
    state.rest = [{ ...heard, balance: 49_999.26 }];
    await watch.beat();
    expect(restarts).toEqual([]);
    await watch.beat();
    expect(restarts).toEqual([
      'the user hub stopped delivering (account 7001: REST has balance 49999.26, the hub last said balance 50000.00); restarting it',
    ]);
  });

  it('lets a difference go when the hub delivers it before the next beat', async () => {
    const { watch, state, restarts } = watching();
    state.rest = [{ ...heard, canTrade: false }];
    await watch.beat();
    watch.heard({ ...heard, canTrade: false });
    await watch.beat();
    await watch.beat();
    expect(restarts).toEqual([]);
  });

  it('starts over when REST moves on between beats (a feed that delivers late is not yet dead)', async () => {
    const { watch, state, restarts } = watching();
    state.rest = [{ ...heard, balance: 49_999 }];
    await watch.beat();
    state.rest = [{ ...heard, balance: 49_998 }];
    await watch.beat();
    expect(restarts).toEqual([]);
    await watch.beat();
    expect(restarts).toHaveLength(1);
  });

  it('does nothing while the hub reconnects (its reconcile does the job) or REST fails', async () => {
    const { watch, state, restarts } = watching();
    state.rest = [{ ...heard, balance: 1 }];
    state.connected = false;
    await watch.beat();
    await watch.beat();
    state.connected = true;
    state.failing = true;
    await watch.beat();
    await watch.beat();
    expect(restarts).toEqual([]);
  });

  it('beats on its clock, one at a time, until stopped', async () => {
    const clock = new FakeClock(0);
    let calls = 0;
    let answer: (() => void) | null = null;
    const watch = new UserFeedWatch({
      api: {
        searchAccounts: () => {
          calls++;
          return new Promise((resolve) => (answer = () => resolve([heard])));
        },
      },
      session: { authed: (call) => call() },
      clock,
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      accountIds: () => [7001],
      hubConnected: () => true,
      restart: async () => undefined,
      beatMs: 1000,
    });
    watch.start();
    await clock.advance(3000); // the first beat still waits for REST: no second one on top
    expect(calls).toBe(1);
    answer!();
    await clock.advance(1000);
    expect(calls).toBe(2);
    watch.stop();
    answer!();
    await clock.advance(5000);
    expect(calls).toBe(2);
  });
});
