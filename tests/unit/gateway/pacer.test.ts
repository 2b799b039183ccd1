import { describe, expect, it } from 'vitest';
import { Pacer, type Priority } from '../../../src/main/gateway/pacer';
import { FakeClock } from '../../helpers/fake-clock';

function setup(limit = 3) {
  const clock = new FakeClock(0);
  const pacer = new Pacer(clock, { limit, windowMs: 60_000, backoffMs: [2000, 5000] });
  const done: string[] = [];
  const call = (name: string, priority: Priority = 'normal') => pacer.run(priority, async () => void done.push(name));
  return { clock, pacer, done, call };
}

describe('REST pacer', () => {
  it('sends at most the limit in any window, and the rest as the window slides', async () => {
    const { clock, done, call } = setup(3);
    for (const name of ['a', 'b', 'c', 'd', 'e']) void call(name);
    await clock.advance(0);
    expect(done).toEqual(['a', 'b', 'c']);
    await clock.advance(59_999);
    expect(done).toEqual(['a', 'b', 'c']);
    await clock.advance(1);
    expect(done).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('never makes enforcement wait for the window; ordinary calls yield to it', async () => {
    const { clock, done, call } = setup(2);
    void call('reconcile 1');
    void call('reconcile 2');
    void call('reconcile 3');
    void call('close', 'enforcement');
    await clock.advance(0);
    expect(done).toEqual(['reconcile 1', 'reconcile 2', 'close']);
    await clock.advance(60_000);
    expect(done).toEqual(['reconcile 1', 'reconcile 2', 'close', 'reconcile 3']);
  });

  it('lets reconcile reads ahead of ordinary calls, but not past the window', async () => {
    const { clock, done, call } = setup(1);
    void call('first');
    void call('search');
    void call('reconcile', 'reconcile');
    await clock.advance(0);
    expect(done).toEqual(['first']);
    await clock.advance(60_000);
    expect(done).toEqual(['first', 'reconcile']);
  });

  it('after a 429 holds back ordinary calls, longer each time, but never enforcement', async () => {
    const { clock, pacer, done, call } = setup(100);
    pacer.rateLimited();
    void call('search');
    void call('close', 'enforcement');
    await clock.advance(0);
    expect(done).toEqual(['close']);
    await clock.advance(2000);
    expect(done).toEqual(['close', 'search']);
    pacer.rateLimited();
    void call('search again');
    await clock.advance(4999);
    expect(done).toHaveLength(2);
    await clock.advance(1);
    expect(done).toHaveLength(3);
  });
});
