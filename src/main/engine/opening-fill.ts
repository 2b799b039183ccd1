/** What a trade is counted by (RULES.md): a fill that opens or adds to a position, on which the broker reports no realized P&L. */
import type { Fill } from '../../shared/domain';

export function opensOrAdds(fill: Pick<Fill, 'profitAndLoss'>): boolean {
  return fill.profitAndLoss === null;
}
