import { describe, expect, it } from 'vitest';
import { DayHigh, type PnlSource } from '../../../src/main/engine/day-high';
import { position } from '../../helpers/states';

/** The account's P&L at one moment, as the high reads it: realized, and one open position's P&L (null: no price yet). */
function at(realized: number, unrealized: number | null = 0): PnlSource {
  return { realizedPnl: () => realized, positions: () => [position('ES', 1)], unrealizedOf: () => unrealized };
}

describe("the day's P&L high", () => {
  it('starts at 0: a day with no gains has a high of 0 on both measures', () => {
    const high = new DayHigh();
    high.follow(at(-250, -100));
    expect([high.of('realized'), high.of('total')]).toEqual([0, 0]);
  });

  it('follows realized and realized + open apart: an open gain raises only the total', () => {
    const high = new DayHigh();
    high.follow(at(100, 500));
    high.follow(at(100, -50));
    expect([high.of('realized'), high.of('total')]).toEqual([100, 600]);
  });

  it('never comes down with the P&L, and says when it rose (by a cent or more)', () => {
    const high = new DayHigh();
    expect(high.follow(at(600))).toBe(true);
    expect(high.follow(at(120))).toBe(false);
    expect(high.follow(at(600.004))).toBe(false);
    expect(high.follow(at(600.01))).toBe(true);
    expect(high.of('realized')).toBe(600.01);
  });

  it('leaves the total alone while an open position has no price yet (after a restart, before its first quote)', () => {
    const high = new DayHigh();
    high.follow(at(100, 300));
    expect(high.follow(at(600, null))).toBe(true);
    expect([high.of('realized'), high.of('total')]).toEqual([600, 400]);
  });

  it('starts again at 0 at the daily reset', () => {
    const high = new DayHigh();
    high.follow(at(600, 200));
    high.reset();
    expect([high.of('realized'), high.of('total')]).toEqual([0, 0]);
  });

  it('takes back what was saved the same trading day, and never lowers what it holds', () => {
    const before = new DayHigh();
    before.follow(at(600, 300));
    const saved = JSON.parse(JSON.stringify(before.saved('2026-11-24'))) as unknown;

    const restarted = new DayHigh();
    restarted.restore(saved, '2026-11-24');
    expect([restarted.of('realized'), restarted.of('total')]).toEqual([600, 900]);

    const higher = new DayHigh();
    higher.follow(at(700, 0));
    higher.restore(saved, '2026-11-24');
    expect([higher.of('realized'), higher.of('total')]).toEqual([700, 900]);
  });

  it.each([
    ['of another trading day', { day: '2026-11-23', realized: 600, total: 900 }],
    ['damaged', { day: '2026-11-24', realized: 'lots' }],
    ['missing', null],
  ])('starts afresh from a saved high %s', (_what, saved) => {
    const high = new DayHigh();
    high.restore(saved, '2026-11-24');
    expect([high.of('realized'), high.of('total')]).toEqual([0, 0]);
  });
});
