/**
 * Today's P&L curve per account for the dashboard chart: a point when the P&L moved or every
 * few seconds, thinned to a bounded size so a long day costs the same memory as a short one.
 */
export interface PnlPoint {
  at: number;
  realized: number;
  total: number;
}

const MIN_SPACING_MS = 5_000;
const MAX_POINTS = 1_200;

export class PnlHistory {
  private readonly series = new Map<number, PnlPoint[]>();

  record(accountId: number, at: number, realized: number, total: number): void {
    const points = this.series.get(accountId) ?? [];
    const last = points.at(-1);
    if (last && last.total === total && last.realized === realized && at - last.at < MIN_SPACING_MS) return;
    // Within 5 s of the point before the last, the last point moves instead of a new one starting.
    const anchor = points.at(-2);
    if (last && anchor && at - anchor.at < MIN_SPACING_MS) points[points.length - 1] = { at, realized, total };
    else points.push({ at, realized, total });
    // Keep the first and the newest points; drop every other one in between.
    if (points.length > MAX_POINTS)
      this.series.set(
        accountId,
        points.filter((_, i) => i === 0 || i % 2 === 1 || i === points.length - 1),
      );
    else this.series.set(accountId, points);
  }

  of(accountId: number): readonly PnlPoint[] {
    return this.series.get(accountId) ?? [];
  }

  /** A new trading day starts a new curve. */
  clear(): void {
    this.series.clear();
  }
}
