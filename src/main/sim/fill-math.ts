/** The arithmetic of a fill: average price, realized P&L, fees and balance, as the gateway books them. */
import { roundCents } from '../../shared/domain';
import type { SimContract } from './contracts';

/** Prices travel with up to 9 decimals (PROJECTX.md §4); rounding there drops binary floating-point noise. */
export function roundPrice(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

export function alignToTick(price: number, tickSize: number): number {
  return roundPrice(Math.round(price / tickSize) * tickSize);
}

/** A signed position: + long, − short. */
export interface Holding {
  size: number;
  averagePrice: number;
}

export interface FillOutcome extends Holding {
  /** Gross P&L of the part the fill closed, in cents; null when the fill only opens or adds. */
  profitAndLoss: number | null;
  /** The fill began a new position, from flat or by reversing through it. */
  opened: boolean;
}

/** Average-cost accounting of one fill of `signed` contracts at `price` into a holding. */
export function applyFill(
  holding: Holding,
  signed: number,
  price: number,
  contract: Pick<SimContract, 'tickSize' | 'tickValue'>,
): FillOutcome {
  const size = holding.size + signed;
  if (holding.size === 0 || Math.sign(holding.size) === Math.sign(signed)) {
    const total = Math.abs(holding.size) + Math.abs(signed);
    const averagePrice = roundPrice((Math.abs(holding.size) * holding.averagePrice + Math.abs(signed) * price) / total);
    return { size, averagePrice, profitAndLoss: null, opened: holding.size === 0 };
  }
  // Exact, not whole ticks: after a scale-in the average is off the tick grid (6000.666…).
  const closing = Math.min(Math.abs(signed), Math.abs(holding.size));
  const profitAndLoss = roundCents(
    (Math.sign(holding.size) * closing * (price - holding.averagePrice) * contract.tickValue) / contract.tickSize,
  );
  // A reversal opens the remainder at the fill price; a close keeps the last average, as the gateway reports it.
  const reversed = Math.abs(signed) > Math.abs(holding.size);
  return { size, averagePrice: reversed ? price : holding.averagePrice, profitAndLoss, opened: reversed };
}

/** Fees of one side of `size` contracts. */
export function feesFor(contract: Pick<SimContract, 'feePerSide'>, size: number): number {
  return roundCents(contract.feePerSide * size);
}

/**
 * The commission the live stream reports beside a trade's fees (0.25 beside 0.36 in the capture of
 * PROJECTX.md §13), as that share of them. The simulator's balance pays `fees` only: the commission is
 * part of them, which is what the client's one fee rule (fees only) books.
 */
export function commissionsOf(fees: number): number {
  return roundCents(fees * (0.25 / 0.36));
}

/** The balance after a fill: realized P&L in, fees out. */
export function balanceAfter(balance: number, profitAndLoss: number | null, fees: number): number {
  return roundCents(balance + (profitAndLoss ?? 0) - fees);
}
