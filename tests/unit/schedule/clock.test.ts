import { afterEach, describe, expect, it, vi } from 'vitest';
import { delay, systemClock } from '../../../src/main/schedule/clock';

afterEach(() => vi.useRealTimers());

describe('the system clock', () => {
  it('tells the time and fires a timer after its delay, unless cancelled', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-24T15:00:00Z') });
    expect(systemClock.now()).toBe(Date.parse('2026-11-24T15:00:00Z'));
    const fired: string[] = [];
    systemClock.setTimeout(() => fired.push('kept'), 1000);
    systemClock.setTimeout(() => fired.push('cancelled'), 1000).cancel();
    const waited = delay(systemClock, 500).then(() => fired.push('delay'));
    await vi.advanceTimersByTimeAsync(999);
    await waited;
    expect(fired).toEqual(['delay']);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual(['delay', 'kept']);
  });

  it('does not keep the process alive for a timer', () => {
    const unref = vi.fn();
    const spy = vi.spyOn(globalThis, 'setTimeout').mockReturnValue({ unref } as unknown as NodeJS.Timeout);
    systemClock.setTimeout(() => undefined, 1000);
    expect(unref).toHaveBeenCalledOnce();
    spy.mockRestore();
  });
});
