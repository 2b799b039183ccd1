import { describe, expect, it } from 'vitest';
import { PositionBook, positionAfterFill } from '../../../src/main/engine/position-book';
import type { Fill, Position } from '../../../src/shared/domain';
import { CONTRACTS, fill } from '../../helpers/states';

const MNQ = CONTRACTS.MNQ!.id;
const at = (size: number, averagePrice: number): Position => ({ accountId: 1, contractId: MNQ, size, averagePrice });
const trade = (size: number, price: number, pnl: number | null = null): Fill => ({ ...fill(MNQ, size, pnl), price });
const sizes = (book: PositionBook) => book.positions().map((p) => [p.size, p.averagePrice]);

describe('positionAfterFill', () => {
  it('adds at the weighted average, reduces at the same average, opens and reverses at the fill price', () => {
    expect(positionAfterFill(undefined, trade(2, 100))).toEqual(at(2, 100));
    expect(positionAfterFill(at(2, 100), trade(2, 110))).toEqual(at(4, 105));
    expect(positionAfterFill(at(4, 105), trade(-3, 90, -45))).toEqual(at(1, 105));
    expect(positionAfterFill(at(1, 105), trade(-1, 90, -15))).toBeUndefined();
    expect(positionAfterFill(at(-2, 100), trade(5, 95, 10))).toEqual(at(3, 95));
  });
});

describe('PositionBook: one fill, its messages in any order', () => {
  // Journey 1 of issue 14: 5 long at 21000; the closing sell's trade and position message, either way round.
  const book = () => {
    const positions = new PositionBook(2000);
    positions.reset([at(5, 21000)]);
    return positions;
  };

  it('trade first: the position closes with the trade, and the broker then confirms it', () => {
    const positions = book();
    positions.fill(trade(-5, 20966, -340));
    expect(sizes(positions)).toEqual([]);
    expect(positions.settled(MNQ)).toBe(false);
    positions.report(MNQ, null);
    expect(sizes(positions)).toEqual([]);
    expect(positions.settled(MNQ)).toBe(true);
  });

  it('position first: a close waits for its trade (its realized P&L) before the position goes', () => {
    const positions = book();
    positions.report(MNQ, null);
    expect(sizes(positions)).toEqual([[5, 21000]]);
    expect(positions.settled(MNQ)).toBe(false);
    positions.fill(trade(-5, 20966, -340));
    expect(sizes(positions)).toEqual([]);
    expect(positions.settled(MNQ)).toBe(true);
  });

  it('position first: an opening report is taken at once, and its trade is not counted into the size again', () => {
    const positions = new PositionBook(2000);
    positions.report(MNQ, at(6, 21000));
    expect(sizes(positions)).toEqual([[6, 21000]]);
    positions.fill(trade(6, 21000));
    expect(sizes(positions)).toEqual([[6, 21000]]);
    expect(positions.settled(MNQ)).toBe(true);
  });

  it("takes the broker's average price when it confirms", () => {
    const positions = book();
    positions.fill(trade(1, 21010));
    expect(sizes(positions)).toEqual([[6, (5 * 21000 + 21010) / 6]]);
    positions.report(MNQ, at(6, 21001.75));
    expect(sizes(positions)).toEqual([[6, 21001.75]]);
  });

  it('two fills before their reports: waits for the report that matches both', () => {
    const positions = book();
    positions.fill(trade(-2, 20990, -40));
    positions.fill(trade(-3, 20990, -60));
    positions.report(MNQ, at(3, 21000));
    expect(sizes(positions)).toEqual([]);
    positions.report(MNQ, null);
    expect(positions.settled(MNQ)).toBe(true);
  });

  it('a report no fill explains is taken after the settle time (its fill was lost), not before', () => {
    const positions = book();
    positions.report(MNQ, null);
    expect(positions.settleOverdue(0)).toEqual([]);
    expect(positions.settleOverdue(1999)).toEqual([]);
    expect(sizes(positions)).toEqual([[5, 21000]]);
    expect(positions.settleOverdue(2000)).toEqual([MNQ]);
    expect(sizes(positions)).toEqual([]);
    expect(positions.settled(MNQ)).toBe(true);
  });

  it('fills no report confirms stand after the settle time', () => {
    const positions = book();
    positions.fill(trade(-5, 20966, -340));
    positions.settleOverdue(0);
    expect(positions.settleOverdue(2000)).toEqual([MNQ]);
    expect(positions.settled(MNQ)).toBe(true);
    expect(sizes(positions)).toEqual([]);
  });

  it('after a reconcile, a new fill of the same size delivered position first is counted once', () => {
    const positions = new PositionBook(2000);
    positions.reset([at(2, 21000)]); // the reconcile brought a buy of 2 made during the gap, already in its position
    positions.report(MNQ, at(4, 21000));
    positions.fill(trade(2, 21000));
    expect(sizes(positions)).toEqual([[4, 21000]]);
    expect(positions.settled(MNQ)).toBe(true);
  });
});
