/**
 * The trading week before today, as the weekly limits read it: the realized P&L (net of fees) and
 * the trades of the week's earlier trading days, and when the week ends. The pipeline sets it on
 * each account from the stored fills when it loads and at each daily reset (see event-pipeline.ts);
 * today's figures come from the account itself, so the rules stay pure.
 */
import { roundCents, type Fill } from '../../shared/domain';
import { opensOrAdds } from './opening-fill';

export interface WeekBefore {
  /** Realized P&L net of fees of the week's earlier trading days. */
  realized: number;
  /** Trades counted as the trade count counts them (an order's first opening fill), one trading day at a time. */
  trades: number;
  /** Executions (each order that filled, entry or exit) counted the same way. */
  executions: number;
  /** Epoch ms of the weekly reset that ends this week; null until the pipeline has set the week. */
  end: number | null;
}

export const NO_WEEK_BEFORE: WeekBefore = { realized: 0, trades: 0, executions: 0, end: null };

/** A fill as stored: its figures and the trading day it was booked in. */
export type StoredFill = Pick<Fill, 'orderId' | 'profitAndLoss' | 'fees'> & { tradingDay: string };

/**
 * The totals of stored fills. An order counts once per trading day, by its first fill that day, as
 * the account counts it (its counts start again each day).
 */
export function weekBeforeOf(fills: readonly StoredFill[], end: number): WeekBefore {
  const trades = new Set<string>();
  const executions = new Set<string>();
  let realized = 0;
  for (const fill of fills) {
    const order = `${fill.tradingDay}:${fill.orderId}`;
    executions.add(order);
    if (opensOrAdds(fill)) trades.add(order);
    realized += (fill.profitAndLoss ?? 0) - fill.fees;
  }
  return { realized: roundCents(realized), trades: trades.size, executions: executions.size, end };
}
