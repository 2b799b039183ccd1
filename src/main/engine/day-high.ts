/**
 * The trading day's P&L high of one account, realized and realized + open, from which the trailing
 * daily loss and the profit giveback judge. The realized high could be rebuilt from the day's fills;
 * the total's cannot (it peaks between quotes), so both are followed as they happen, start at 0 each
 * trading day and are saved with the day they belong to: a restart must never lower them.
 */
import { z } from 'zod';
import type { Position } from '../../shared/domain';
import { roundCents } from '../../shared/domain';

/** Which P&L a rule trails: realized only, or realized plus the open positions' P&L. */
export const PNL_MEASURES = ['realized', 'total'] as const;
export type PnlMeasure = (typeof PNL_MEASURES)[number];

/** A trailing rule's `measure` setting: realized unless said; `total` is the stricter (a move to it applies at once on reload). */
export const pnlMeasureSchema = z.enum(PNL_MEASURES, 'must be realized or total (realized + open P&L)').default('realized');
export const MEASURE_STRICTNESS = { path: 'measure', loosestFirst: PNL_MEASURES } as const;

/** How the rules name each measure: as a figure ("Realized P&L +$120.00") and in a description. */
export const MEASURE_WORDS: Record<PnlMeasure, { label: string; counted: string }> = {
  realized: { label: 'Realized P&L', counted: "today's realized P&L (net of fees)" },
  total: { label: 'P&L (realized + open)', counted: "today's P&L, realized (net of fees) plus open," },
};

/** A rule's card while `pnlOf` is null. */
export const PNL_NOT_KNOWN = 'P&L (realized + open) not known until every open position has a price';

/** Where the highs are saved in rule_state: one row per account, shared by both rules that read them. */
export const DAY_HIGH_STATE_ID = 'DAY-HIGH';

const SavedDayHighSchema = z.object({ day: z.string(), realized: z.number(), total: z.number() });
export type SavedDayHigh = z.infer<typeof SavedDayHighSchema>;

/** What the highs follow: the account's P&L now. */
export interface PnlSource {
  realizedPnl(): number;
  positions(): readonly Position[];
  unrealizedOf(position: Position): number | null;
  /** False while the position's mark predates the account's last sync (a reconnect): its open P&L is not known yet. */
  markFresh?(position: Position): boolean;
}

/**
 * The account's P&L now on `measure`, in cents; null while an open position has no price yet (after a
 * restart, before its first quote) or only one from before a reconnect: an open P&L taken as 0, or
 * priced at a mark older than the position, could raise the high, or sink the P&L to the floor,
 * when neither happened.
 */
export function pnlOf(account: PnlSource, measure: PnlMeasure): number | null {
  let pnl = account.realizedPnl();
  if (measure === 'total') {
    for (const position of account.positions()) {
      const open = account.unrealizedOf(position);
      if (open === null || account.markFresh?.(position) === false) return null;
      pnl += open;
    }
  }
  return roundCents(pnl);
}

export class DayHigh {
  private realized = 0;
  private total = 0;

  /** Raises the highs to the account's P&L now, in cents; true when either rose. Called on every evaluation, quotes included. */
  follow(account: PnlSource): boolean {
    const realized = pnlOf(account, 'realized') ?? this.realized;
    const total = pnlOf(account, 'total') ?? this.total;
    const rose = realized > this.realized || total > this.total;
    this.realized = Math.max(this.realized, realized);
    this.total = Math.max(this.total, total);
    return rose;
  }

  of(measure: PnlMeasure): number {
    return measure === 'realized' ? this.realized : this.total;
  }

  /** The daily reset: a new day starts with no gains. */
  reset(): void {
    this.realized = 0;
    this.total = 0;
  }

  saved(day: string): SavedDayHigh {
    return { day, realized: this.realized, total: this.total };
  }

  /** Takes the saved highs back if they are of trading day `day` (another day's, or a damaged row, start afresh). */
  restore(saved: unknown, day: string): void {
    const parsed = SavedDayHighSchema.safeParse(saved);
    if (!parsed.success || parsed.data.day !== day) return;
    this.realized = Math.max(this.realized, parsed.data.realized);
    this.total = Math.max(this.total, parsed.data.total);
  }
}

/** The account's P&L now on `measure` (null while not known) and the day's high, which the P&L now may just have raised. */
export function dayFigures(account: PnlSource & { readonly dayHigh: DayHigh }, measure: PnlMeasure): { pnl: number | null; high: number } {
  const pnl = pnlOf(account, measure);
  const high = account.dayHigh.of(measure);
  return { pnl, high: pnl === null ? high : Math.max(high, pnl) };
}
