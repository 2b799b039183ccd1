import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShiftableClock } from '../../../src/main/schedule/shiftable-clock';

afterEach(() => vi.useRealTimers());

describe('the web host test clock', () => {
  it('runs in real time and jumps forward, firing the timers the jump passed, in order', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-24T15:00:00Z') });
    const clock = new ShiftableClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('reset'), 8 * 3_600_000);
    clock.setTimeout(() => fired.push('cooldown'), 60_000);
    clock.setTimeout(() => fired.push('next week'), 7 * 86_400_000);
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), 1000);
    cancelled.cancel();
    vi.advanceTimersByTime(1000);
    expect(clock.now()).toBe(Date.parse('2026-11-24T15:00:01Z'));
    clock.advance(9 * 3_600_000);
    expect(fired).toEqual(['cooldown', 'reset']);
    expect(clock.now()).toBe(Date.parse('2026-11-25T00:00:01Z'));
    vi.advanceTimersByTime(8 * 3_600_000);
    expect(fired).toEqual(['cooldown', 'reset']);
  });

  it('fires a timer once, by real time or by a jump, whichever comes first', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new ShiftableClock();
    const callback = vi.fn();
    clock.setTimeout(callback, 500);
    vi.advanceTimersByTime(500);
    clock.advance(1000);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('never moves backwards', () => {
    expect(() => new ShiftableClock().advance(-1)).toThrow('the test clock only moves forward; got -1 ms');
  });

  it.each([1e300, 401 * 86_400_000])('refuses to run more than 400 days ahead (%d ms) and stays where it was', (ms) => {
    vi.useFakeTimers({ now: Date.parse('2026-11-24T15:00:00Z') });
    const clock = new ShiftableClock();
    const callback = vi.fn();
    clock.setTimeout(callback, 86_400_000);
    expect(() => clock.advance(ms)).toThrow(`the test clock runs at most 400 days ahead of real time (now 0.0 days ahead); got ${ms} ms`);
    expect(clock.now()).toBe(Date.parse('2026-11-24T15:00:00Z'));
    expect(callback).not.toHaveBeenCalled();
    expect(new Date(clock.now()).toISOString()).toBe('2026-11-24T15:00:00.000Z');
  });

  it('counts every jump towards the 400 days', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new ShiftableClock();
    clock.advance(300 * 86_400_000);
    expect(() => clock.advance(101 * 86_400_000)).toThrow('(now 300.0 days ahead)');
    clock.advance(100 * 86_400_000);
    expect(clock.now()).toBe(400 * 86_400_000);
  });
});
