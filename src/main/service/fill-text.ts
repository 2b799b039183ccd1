/** How the timeline words a fill, in a trader's terms. */
import type { Fill } from '../../shared/domain';
import { symbolOfContractId } from '../../shared/domain';

export function describeFill(fill: Fill): string {
  const verb = fill.size > 0 ? 'Bought' : 'Sold';
  const pnl = fill.profitAndLoss === null ? '' : `, P&L ${fill.profitAndLoss.toFixed(2)}`;
  return `${verb} ${Math.abs(fill.size)} ${symbolOfContractId(fill.contractId)} @ ${fill.price}${pnl}`;
}
