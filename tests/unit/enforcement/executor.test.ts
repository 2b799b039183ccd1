import { describe, expect, it } from 'vitest';
import { Executor, type ExecutorDeps } from '../../../src/main/enforcement/executor';
import { MarketBook } from '../../../src/main/engine/market-book';
import type { AccountExposure, Action } from '../../../src/main/enforcement/planner';
import type { Order, Position } from '../../../src/shared/domain';
import { GatewayHttpError, GatewayNetworkError, GatewayRateLimitedError, GatewayRejectedError } from '../../../src/main/gateway/errors';
import { ScriptedBroker } from '../../helpers/broker';
import { FakeClock } from '../../helpers/fake-clock';
import { order } from '../../helpers/states';
import { openTestStore } from '../../helpers/store';
import { recorderOf } from '../service/recorder-of';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const journal = { add() {} };
const close: Action = {
  kind: 'closePosition',
  accountId: 1,
  contractId: 'CON.F.US.MNQ.Z26',
  ruleId: 'RULE-001',
  reason: 'max_contracts: 6 open',
};
const cancel: Action = {
  kind: 'cancelOrder',
  accountId: 1,
  orderId: 2_700_000_001,
  contractId: 'CON.F.US.EP.Z26',
  ruleId: 'RULE-003',
  reason: 'loss',
};

/** Account 1 as its consistent state shows it after an event or a reconcile was applied. */
const accountShowing = (positions: Position[] = [], orders: Order[] = []): AccountExposure => ({
  id: 1,
  positions: () => positions,
  workingOrders: () => orders,
});
const open = (contractId: string, size = 1): Position => ({ accountId: 1, contractId, size, averagePrice: 100 });
const flat = accountShowing();

/** An executor (live unless told) calling `broker` and recording into a fresh test store. */
function executorOver(
  clock: FakeClock,
  broker: ScriptedBroker,
  timing: Partial<Pick<ExecutorDeps, 'mode' | 'backoffMs' | 'settleMs' | 'journal' | 'logger'>> = {},
) {
  const { store, db } = openTestStore();
  const executor = new Executor({
    broker,
    recorder: recorderOf(store),
    clock,
    logger: silent,
    journal,
    contracts: new MarketBook(),
    mode: 'live',
    ...timing,
  });
  return { executor, db };
}

function setup(mode: 'live' | 'dry_run' = 'live') {
  const clock = new FakeClock(Date.parse('2026-11-24T15:00:00Z'));
  const broker = new ScriptedBroker();
  const { executor, db } = executorOver(clock, broker, { mode, backoffMs: [100, 200, 400], settleMs: 3000 });
  const actions = () => db.prepare('SELECT action, target, status, detail FROM enforcement_actions ORDER BY id').all();
  const outcomes = () =>
    db.prepare<[], { status: string; detail: string }>('SELECT status, detail FROM enforcement_actions ORDER BY id').all();
  return { clock, broker, executor, outcomes, actions };
}

describe('executor', () => {
  it('reports a close on its way until the account shows the position gone, and forgets a refused one', async () => {
    const { broker, executor, clock } = setup();
    executor.submit(close, 'rule breach');
    expect([...executor.closing(1)]).toEqual([close.contractId]);
    expect([...executor.closing(2)]).toEqual([]);
    executor.submit(cancel, 'loss');
    expect([...executor.closing(1)]).toEqual([close.contractId]);
    await clock.advance(0);
    executor.observe(flat);
    expect([...executor.closing(1)]).toEqual([]);

    broker.failNext(new GatewayHttpError('Position/closeContract', 400));
    executor.submit({ ...close, contractId: 'CON.F.US.EP.Z26' }, 'rule breach');
    await clock.advance(1000);
    expect([...executor.closing(1)]).toEqual([]);
  });

  it('records the action as sent before the call goes out, then done', async () => {
    const { broker, executor, actions, clock } = setup();
    let recordedFirst: unknown[] = [];
    broker.onCall = () => (recordedFirst = actions());
    executor.submit(close, 'rule breach');
    await clock.advance(0);
    expect(recordedFirst).toEqual([{ action: 'closePosition', target: 'close CON.F.US.MNQ.Z26', status: 'sent', detail: 'rule breach' }]);
    expect(actions()).toEqual([{ action: 'closePosition', target: 'close CON.F.US.MNQ.Z26', status: 'done', detail: 'rule breach' }]);
  });

  it.each([
    ['network failure', new GatewayNetworkError('Position/closeContract', new Error('ECONNRESET'))],
    ['HTTP 500', new GatewayHttpError('Position/closeContract', 500)],
    ['HTTP 429', new GatewayRateLimitedError('Position/closeContract')],
  ])('retries a close after a %s with backoff, then succeeds', async (_, error) => {
    const { broker, executor, outcomes, clock } = setup();
    broker.failNext(error, error);
    executor.submit(close, 'rule breach');
    await clock.advance(0);
    expect(broker.calls).toHaveLength(1);
    await clock.advance(100);
    expect(broker.calls).toHaveLength(2);
    await clock.advance(200);
    expect(broker.calls).toHaveLength(3);
    expect(outcomes().map((o) => o.status)).toEqual(['done']);
  });

  it('gives up after the last backoff step and records the failure', async () => {
    const { broker, executor, outcomes, actions, clock } = setup();
    const down = new GatewayHttpError('Position/closeContract', 503);
    broker.failNext(down, down, down, down);
    executor.submit(close, 'rule breach');
    await clock.advance(1000);
    expect(broker.calls).toHaveLength(4);
    expect(outcomes()[0]).toMatchObject({ status: 'failed', detail: 'Position/closeContract: HTTP 503' });
    expect(actions()[0]).toMatchObject({ status: 'failed' });
  });

  it('does not retry a final refusal', async () => {
    const { broker, executor, outcomes, clock } = setup();
    broker.failNext(new GatewayRejectedError('Position/closeContract', 4, 'Contract not active'));
    executor.submit(close, 'rule breach');
    await clock.advance(5000);
    expect(broker.calls).toHaveLength(1);
    expect(outcomes()[0]?.status).toBe('failed');
  });

  it.each([
    ['close', close, new GatewayRejectedError('Position/closeContract', 2, null)],
    ['cancel', cancel, new GatewayRejectedError('Order/cancel', 2, null)],
  ])('counts "already gone" as done for a %s', async (_, action, error) => {
    const { broker, executor, outcomes, clock } = setup();
    broker.failNext(error);
    executor.submit(action, 'rule breach');
    await clock.advance(0);
    expect(outcomes().map((o) => o.status)).toEqual(['done']);
  });

  it('sends a close once while it is in flight or unconfirmed, and again once confirmed or stale', async () => {
    const { broker, executor, clock } = setup();
    expect(executor.submit(close, 'rule breach')).toBe(true);
    expect(executor.submit(close, 'rule breach')).toBe(false);
    await clock.advance(0);
    expect(executor.submit(close, 'rule breach')).toBe(false);
    // A reconcile that reads the position still open (the close answered, its fill not yet in) keeps the close pending.
    executor.observe(accountShowing([open(close.contractId, 4)]));
    expect(executor.submit(close, 'rule breach')).toBe(false);
    executor.observe(flat);
    expect(executor.submit(close, 'rule breach')).toBe(true);
    await clock.advance(3000);
    expect(executor.submit(close, 'rule breach')).toBe(true);
    await clock.advance(0);
    expect(broker.calls).toEqual(['close 1 CON.F.US.MNQ.Z26', 'close 1 CON.F.US.MNQ.Z26', 'close 1 CON.F.US.MNQ.Z26']);
  });

  it('sends a close while a trim of the same position is still on its way (the kill switch during a rule trim), but not a second trim', async () => {
    const { broker, executor, clock } = setup();
    const trim: Action = { ...close, kind: 'reducePosition', size: 2, targetSize: 2 } as Action;
    expect(executor.submit(trim, 'rule breach')).toBe(true);
    expect(executor.submit(trim, 'rule breach')).toBe(false);
    expect(executor.submit(close, 'kill switch')).toBe(true);
    expect(executor.submit(close, 'kill switch')).toBe(false);
    await clock.advance(0);
    expect(broker.calls).toEqual(['reduce 1 CON.F.US.MNQ.Z26 2', 'close 1 CON.F.US.MNQ.Z26']);
    // The trim's answer does not clear the close still waiting for the account to show it flat.
    expect(executor.submit(close, 'kill switch')).toBe(false);
  });

  it('takes a confirmation that arrives while the call is in flight, and only the outcome it aims at', async () => {
    const { broker, executor, clock } = setup();
    executor.submit(close, 'rule breach');
    // The close's own order, and the fill's position update still showing 4: neither is the position gone.
    executor.observe(accountShowing([open(close.contractId, 4)], [order(99, close.contractId, { kind: 'market', side: 'sell', size: 4 })]));
    executor.observe(accountShowing([open(close.contractId, 4)]));
    await clock.advance(0);
    expect(executor.submit(close, 'rule breach')).toBe(false);
    executor.observe(flat);
    executor.submit(close, 'rule breach');
    executor.observe(flat); // the position gone beats the REST answer
    await clock.advance(0);
    expect(executor.submit(close, 'rule breach')).toBe(true);
    await clock.advance(0);
    expect(broker.calls).toHaveLength(3);
  });

  it('calls nothing in dry run and records the decision', async () => {
    const { broker, executor, outcomes, actions, clock } = setup('dry_run');
    executor.submit(close, 'rule breach');
    await clock.advance(0);
    expect(broker.calls).toEqual([]);
    expect(outcomes().map((o) => o.status)).toEqual(['dry_run']);
    expect(actions()).toEqual([{ action: 'closePosition', target: 'close CON.F.US.MNQ.Z26', status: 'dry_run', detail: 'rule breach' }]);
  });
});

describe('executor after a final refusal', () => {
  it('records "not needed" when the account shows the action no longer matters (order filled before the cancel)', async () => {
    const clock = new FakeClock(0);
    const broker = new ScriptedBroker();
    const { executor, db } = executorOver(clock, broker);
    const outcomes = () => db.prepare<[], { status: string }>('SELECT status FROM enforcement_actions ORDER BY id').all();
    const shown = { positions: [], orders: [] as Order[] };
    broker.accounts.set(1, shown);
    broker.failNext(new GatewayRejectedError('Order/cancel', 3, 'Cannot cancel order: already filled'));
    executor.submit(cancel, 'rejected while locked');
    await clock.advance(0);
    expect(outcomes().map((o) => o.status)).toEqual(['not_needed']);
    shown.orders.push(order(cancel.orderId, cancel.contractId));
    // The order is seen working again: a refused cancel is not repeated before the settle time.
    executor.observe(accountShowing([], [order(cancel.orderId, cancel.contractId)]));
    expect(executor.submit(cancel, 'rejected while locked')).toBe(false);
    await clock.advance(3000);
    broker.failNext(new GatewayRejectedError('Order/cancel', 3, 'Rejected'));
    executor.submit(cancel, 'rejected while locked');
    await clock.advance(0);
    expect(outcomes().map((o) => o.status)).toEqual(['not_needed', 'failed']);
    expect(db.prepare('SELECT status FROM enforcement_actions ORDER BY id').pluck().all()).toEqual(['not_needed', 'failed']);
  });
});

describe('executor after an ambiguous failure', () => {
  const trim: Action = {
    kind: 'reducePosition',
    accountId: 1,
    contractId: 'CON.F.US.MNQ.Z26',
    size: 3,
    targetSize: 2,
    ruleId: 'RULE-002',
    reason: 'too many MNQ',
  };
  const newStop: Action = {
    kind: 'moveStop',
    accountId: 1,
    contractId: 'CON.F.US.MNQ.Z26',
    orderId: null,
    stopPrice: 21000.25,
    size: 2,
    side: 'sell',
    ruleId: 'RULE-012',
    reason: 'breakeven',
  };
  const mnq = (size: number): Position => ({ accountId: 1, contractId: 'CON.F.US.MNQ.Z26', size, averagePrice: 21000 });
  const stopCovering = (size: number): Order =>
    order(7, 'CON.F.US.MNQ.Z26', { kind: 'stop', side: 'sell', size, limitPrice: 100, stopPrice: 21000.25 });

  /** The executor, with the broker showing `shown` for account 1 when it is read after the failure. */
  function withBrokerShowing(shown: { positions: Position[]; orders: Order[] }) {
    const clock = new FakeClock(0);
    const broker = new ScriptedBroker();
    broker.accounts.set(1, shown);
    const { executor } = executorOver(clock, broker, { backoffMs: [100] });
    return { clock, broker, executor, reread: broker.reads };
  }

  it('re-reads before repeating a trim, and trims only what is still in excess', async () => {
    // The first trim did not go through: 3 still open against a target of 2.
    const { clock, broker, executor, reread } = withBrokerShowing({ positions: [mnq(3)], orders: [] });
    broker.failNext(new GatewayNetworkError('Position/partialCloseContract', new Error('socket hang up')));
    executor.submit(trim, 'rule breach');
    await clock.advance(100);
    expect(reread).toHaveLength(1);
    expect(broker.calls).toEqual(['reduce 1 CON.F.US.MNQ.Z26 3', 'reduce 1 CON.F.US.MNQ.Z26 1']);
  });

  it('does not place a second stop when the first one went through', async () => {
    const { clock, broker, executor } = withBrokerShowing({ positions: [mnq(2)], orders: [stopCovering(2)] });
    broker.failNext(new GatewayHttpError('Order/place', 502));
    executor.submit(newStop, 'automation');
    await clock.advance(100);
    expect(broker.calls).toEqual(['stop 1 CON.F.US.MNQ.Z26 sell 2 @ 21000.25']);
  });

  it('repeats a close without re-reading (a second close closes what is left), and after a 429 anything', async () => {
    const { clock, broker, executor, reread } = withBrokerShowing({ positions: [mnq(4)], orders: [] });
    broker.failNext(
      new GatewayNetworkError('Position/closeContract', new Error('reset')),
      new GatewayRateLimitedError('Position/partialCloseContract'),
    );
    executor.submit(close, 'rule breach');
    executor.submit({ ...trim, contractId: 'CON.F.US.EP.Z26' }, 'rule breach'); // another position: not held back by the close
    await clock.advance(100);
    expect(reread).toEqual([]);
    expect(broker.calls).toHaveLength(4);
  });
});

describe('executor in the timeline', () => {
  interface Told {
    kind: string;
    accountId: number | null;
    title: string;
    detail: string | null;
    tone: string | undefined;
  }

  function told(mode: 'live' | 'dry_run' = 'live') {
    const clock = new FakeClock(0);
    const broker = new ScriptedBroker();
    const entries: Told[] = [];
    const logged: string[] = [];
    const logger = { ...silent, info: (message: string) => void logged.push(message) };
    const journal: ExecutorDeps['journal'] = {
      add: (kind, accountId, title, detail, tone) => void entries.push({ kind, accountId, title, detail, tone }),
    };
    const { executor } = executorOver(clock, broker, { mode, journal, logger, backoffMs: [] });
    return { clock, broker, executor, entries, logged };
  }

  const titled: Action = { ...close, ruleTitle: 'Max contracts', reason: '6 contracts open (net), limit 5', size: 6 };

  it('says what was done, to what, because of which rule, on the account it concerns', async () => {
    const { clock, executor, entries } = told();
    executor.submit(titled, 'rule breach');
    await clock.advance(0);
    expect(entries).toEqual([
      {
        kind: 'enforcement',
        accountId: 1,
        title: 'Closed CON.F.US.MNQ.Z26 (6 contracts): max contracts',
        detail: '6 contracts open (net), limit 5',
        tone: undefined,
      },
    ]);
  });

  it('says a flatten on a lock and a close of what was opened while locked in words, not by their record labels', async () => {
    const { clock, executor, entries } = told();
    executor.submit(titled, 'flatten on lockout');
    executor.submit({ ...cancel, ruleTitle: 'Daily realized loss', reason: 'P&L −$550.00, limit −$500.00' }, 'rejected while locked');
    await clock.advance(0);
    expect(entries.map((e) => e.detail)).toEqual([
      'The account is now locked, so every position is closed and every order cancelled. 6 contracts open (net), limit 5',
      'Not allowed while the account is locked. P&L −$550.00, limit −$500.00',
    ]);
    expect(entries.map((e) => e.detail).join(' ')).not.toMatch(/flatten on lockout|rejected while locked/);
  });

  it('keeps a cancel that turned out not to be needed (the order had filled) out of the timeline, in the log only', async () => {
    const { clock, broker, executor, entries, logged } = told();
    broker.accounts.set(1, { positions: [], orders: [] });
    broker.failNext(new GatewayRejectedError('Order/cancel', 3, 'Rejected'));
    executor.submit(cancel, 'rejected while locked');
    await clock.advance(0);
    expect(entries).toEqual([]);
    expect(logged).toEqual([expect.stringContaining('cancel order 2700000001 for account 1 not needed: already done')]);
  });

  it('tells a close the broker refused as bad news the trader must look at, with the reason', async () => {
    const { clock, broker, executor, entries } = told();
    broker.accounts.set(1, { positions: [open('CON.F.US.MNQ.Z26', 6)], orders: [] });
    broker.failNext(new GatewayRejectedError('Position/closeContract', 4, 'Contract not active'));
    executor.submit(titled, 'rule breach');
    await clock.advance(0);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'enforcement', accountId: 1, tone: 'bad' });
    expect(entries[0]!.title).toBe('Could not close CON.F.US.MNQ.Z26 (6 contracts): max contracts');
    expect(entries[0]!.detail).toMatch(/^The broker refused \(.*Contract not active.*\)\. Risk Warden tries again/);
  });

  it('tells a stop Risk Warden places for the trader as automation, not as enforcement', async () => {
    const { clock, executor, entries } = told();
    const stop: Action = {
      kind: 'moveStop',
      accountId: 1,
      contractId: 'CON.F.US.MNQ.Z26',
      orderId: null,
      stopPrice: 21000.25,
      size: 2,
      side: 'sell',
      ruleId: 'RULE-012',
      ruleTitle: 'Trade management',
      reason: 'breakeven after 8 ticks of profit',
    };
    executor.submit(stop, 'rule breach');
    await clock.advance(0);
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'automation', title: 'Placed a stop on CON.F.US.MNQ.Z26 at 21,000.25: trade management' }),
    ]);
  });

  it('tells the cancel of its own stray stop as automation', async () => {
    const { clock, executor, entries } = told();
    executor.submit(
      { ...cancel, ruleId: 'RULE-012', ruleTitle: 'Trade management', reason: 'its position is closed' },
      'its position is closed',
    );
    await clock.advance(0);
    expect(entries).toEqual([expect.objectContaining({ kind: 'automation', detail: "Risk Warden's own stop: its position is closed" })]);
  });

  it('says in dry run that nothing was sent, in a neutral colour', async () => {
    const { clock, executor, entries } = told('dry_run');
    executor.submit(titled, 'rule breach');
    await clock.advance(0);
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'enforcement',
        tone: 'info',
        title: 'Dry run: would close CON.F.US.MNQ.Z26 (6 contracts): max contracts',
        detail: 'Dry run: nothing was sent to the broker. 6 contracts open (net), limit 5',
      }),
    ]);
  });
});
