import { describe, expect, it } from 'vitest';
import { BackoffRetry } from '../../../src/main/schedule/backoff';
import { FakeClock } from '../../helpers/fake-clock';

describe('BackoffRetry', () => {
  it('waits each step of its table in turn, then the last one, and starts over once it worked', () => {
    const retry = new BackoffRetry(new FakeClock(0), [1000, 5000]);
    expect([retry.nextWait(), retry.nextWait(), retry.nextWait()]).toEqual([1000, 5000, 5000]);
    expect(retry.succeeded()).toBe(true);
    expect(retry.succeeded()).toBe(false);
    expect(retry.nextWait()).toBe(1000);
  });

  it('tries again after the wait, and not at all once cancelled', async () => {
    const clock = new FakeClock(0);
    const retry = new BackoffRetry(clock, [1000]);
    const tries: number[] = [];
    retry.after(retry.nextWait(), () => tries.push(clock.now()));
    await clock.advance(999);
    expect(tries).toEqual([]);
    await clock.advance(1);
    expect(tries).toEqual([1000]);
    retry.after(retry.nextWait(), () => tries.push(clock.now()));
    retry.cancel();
    await clock.advance(5000);
    expect(tries).toEqual([1000]);
  });
});
