import { describe, expect, it } from 'vitest';
import { PnlHistory } from '../../../src/main/service/pnl-history';

const T0 = Date.parse('2026-11-24T15:00:00Z');

describe('P&L history for the chart', () => {
  it('keeps a point per change, merging changes closer than 5 s, and a flat point every 5 s', () => {
    const history = new PnlHistory();
    history.record(1, T0, 0, 0);
    history.record(1, T0 + 1000, 0, 0);
    history.record(1, T0 + 2000, -50, -50);
    history.record(1, T0 + 3000, -80, -80);
    history.record(1, T0 + 9000, -80, -80);
    expect(history.of(1)).toEqual([
      { at: T0, realized: 0, total: 0 },
      { at: T0 + 3000, realized: -80, total: -80 },
      { at: T0 + 9000, realized: -80, total: -80 },
    ]);
    expect(history.of(2)).toEqual([]);
  });

  it('keeps about one point per 5 s while the P&L moves on every quote', () => {
    const history = new PnlHistory();
    for (let i = 0; i <= 600; i++) history.record(1, T0 + i * 100, -i, -i);
    expect(history.of(1).length).toBeGreaterThanOrEqual(12);
    expect(history.of(1).length).toBeLessThanOrEqual(14);
    expect(history.of(1).at(-1)).toEqual({ at: T0 + 60_000, realized: -600, total: -600 });
  });

  it('stays bounded over a whole day and keeps the first and latest points', () => {
    const history = new PnlHistory();
    for (let i = 0; i < 23 * 720; i++) history.record(1, T0 + i * 5000, i % 7, i % 7);
    const points = history.of(1);
    expect(points.length).toBeLessThanOrEqual(1_200);
    expect(points[0]).toEqual({ at: T0, realized: 0, total: 0 });
    expect(points.at(-1)).toEqual({ at: T0 + (23 * 720 - 1) * 5000, realized: (23 * 720 - 1) % 7, total: (23 * 720 - 1) % 7 });
  });

  it('keeps the realized figure beside the total, so the chart can plot what the loss limit counts', () => {
    const history = new PnlHistory();
    history.record(1, T0, 0, -120);
    history.record(1, T0 + 1000, 0, -150);
    history.record(1, T0 + 6000, -40, -40);
    expect(history.of(1)).toEqual([
      { at: T0, realized: 0, total: -120 },
      { at: T0 + 1000, realized: 0, total: -150 },
      { at: T0 + 6000, realized: -40, total: -40 },
    ]);
  });

  it('starts again at the daily reset', () => {
    const history = new PnlHistory();
    history.record(1, T0, -300, -300);
    history.clear();
    expect(history.of(1)).toEqual([]);
  });
});
