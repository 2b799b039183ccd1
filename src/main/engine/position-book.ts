/**
 * The open positions of one account, kept consistent with the fills counted so far.
 *
 * The gateway sends one fill as several messages — order update, trade, position, account — in no
 * guaranteed order, and REST reconciles repeat them. Realized P&L comes from the trades; open P&L
 * from the positions. Judged between the trade and its position message, a closing loss would be
 * counted twice (realized, and still open); judged between the position message and its trade, a
 * closed winner would vanish from both. So each contract's position is the last position the
 * broker and the fills agreed on, moved by every fill counted since; the broker's position message
 * confirms it (its average price is taken) when the sizes agree.
 *
 * A broker report that runs ahead of the fills is taken at once when it only opens or adds (its
 * fill carries no realized P&L); one that reduces, closes or reverses waits for its trade, which
 * carries the realized P&L. A report that stays unexplained past the settle time is taken as it is:
 * the fill it waits for was lost.
 */
import type { ContractId, Fill, Position } from '../../shared/domain';

interface ContractBook {
  /** The last position broker and fills agreed on; undefined = flat. */
  agreed: Position | undefined;
  /** That position moved by every fill counted since. */
  fromFills: Position | undefined;
  /** Fills counted since broker and fills last agreed. */
  unconfirmedFills: number;
  /** The broker's latest report, while it disagrees with the fills: null = flat. */
  report: Position | null | undefined;
  /** What rules see: the fills' position, or a report that only adds to it. */
  position: Position | undefined;
  /** When a tick first saw the disagreement. */
  disagreeingSince: number | null;
}

const sizeOf = (position: Position | null | undefined): number => position?.size ?? 0;

/** How one fill moves a position: adds at the weighted average, reduces at the same average, opens or reverses at its price. */
export function positionAfterFill(position: Position | undefined, fill: Fill): Position | undefined {
  const before = sizeOf(position);
  const size = before + fill.size;
  if (size === 0) return undefined;
  const base = { accountId: fill.accountId, contractId: fill.contractId, size };
  if (!position || Math.sign(size) !== Math.sign(before)) return { ...base, averagePrice: fill.price };
  if (Math.abs(size) < Math.abs(before)) return { ...base, averagePrice: position.averagePrice };
  return { ...base, averagePrice: (before * position.averagePrice + fill.size * fill.price) / size };
}

/** Whether `report` only opens or adds to `position` (same direction, larger). */
function onlyAdds(position: Position | undefined, report: Position | null): boolean {
  const from = sizeOf(position);
  const to = sizeOf(report);
  return to !== 0 && (from === 0 || (Math.sign(to) === Math.sign(from) && Math.abs(to) > Math.abs(from)));
}

export class PositionBook {
  private readonly books = new Map<ContractId, ContractBook>();
  private list: Position[] | null = null;

  constructor(private readonly settleMs: number) {}

  positions(): readonly Position[] {
    return (this.list ??= [...this.books.values()].flatMap((b) => (b.position ? [b.position] : [])));
  }

  position(contractId: ContractId): Position | undefined {
    return this.books.get(contractId)?.position;
  }

  /** Broker and fills agree on this contract: nothing of a fill is still on its way. */
  settled(contractId: ContractId): boolean {
    const book = this.books.get(contractId);
    return !book || this.settledBook(book);
  }

  private settledBook(book: ContractBook): boolean {
    return book.unconfirmedFills === 0 && book.report === undefined;
  }

  fill(fill: Fill): void {
    const book = this.book(fill.contractId);
    book.fromFills = positionAfterFill(book.fromFills, fill);
    book.unconfirmedFills++;
    this.resolve(book);
  }

  report(contractId: ContractId, position: Position | null): void {
    const book = this.book(contractId);
    book.report = position && position.size !== 0 ? position : null;
    this.resolve(book);
  }

  /**
   * A REST read: its positions are the broker's word, and the fills it brought are taken as in them.
   * (Its reads can straddle a fill; the settle time ends such a disagreement. Guessing from sizes
   * instead would take a new fill of the same size, delivered position first, for one already in.)
   */
  reset(positions: readonly Position[]): void {
    this.books.clear();
    for (const position of positions) this.agree(this.book(position.contractId), position);
    this.list = null;
  }

  /**
   * Ends disagreements older than the settle time: the broker's report is taken as it is (the fill
   * it waits for was lost), or fills no report confirmed stand. Returns the contracts it settled.
   */
  settleOverdue(now: number): ContractId[] {
    const taken: ContractId[] = [];
    for (const [contractId, book] of this.books) {
      if (this.settledBook(book)) continue;
      book.disagreeingSince ??= now;
      if (now - book.disagreeingSince < this.settleMs) continue;
      this.agree(book, book.report === undefined ? book.fromFills : (book.report ?? undefined));
      taken.push(contractId);
    }
    return taken;
  }

  private resolve(book: ContractBook): void {
    const { report, fromFills } = book;
    if (report !== undefined && sizeOf(report) === sizeOf(fromFills)) return this.agree(book, report ?? undefined);
    // A report on the way from the agreed position to the fills' is one the fills have overtaken.
    const overtaken = (sizeOf(report) - sizeOf(book.agreed)) * (sizeOf(report) - sizeOf(fromFills)) <= 0;
    book.position = report && !overtaken && onlyAdds(fromFills, report) ? report : fromFills;
    this.list = null;
  }

  private agree(book: ContractBook, position: Position | undefined): void {
    book.agreed = position;
    book.fromFills = position;
    book.position = position;
    book.unconfirmedFills = 0;
    book.report = undefined;
    book.disagreeingSince = null;
    this.list = null;
  }

  private book(contractId: ContractId): ContractBook {
    let book = this.books.get(contractId);
    if (!book) {
      book = {
        agreed: undefined,
        fromFills: undefined,
        unconfirmedFills: 0,
        report: undefined,
        position: undefined,
        disagreeingSince: null,
      };
      this.books.set(contractId, book);
    }
    return book;
  }
}
