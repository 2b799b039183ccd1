/** How the timeline words a fill, in a trader's terms. */
import type { Fill } from '../../shared/domain';
import { symbolOf, type ContractLookup } from '../../shared/symbols';

export function describeFill(fill: Fill, contracts: ContractLookup): string {
  const verb = fill.size > 0 ? 'Bought' : 'Sold';
  const pnl = fill.profitAndLoss === null ? '' : `, P&L ${fill.profitAndLoss.toFixed(2)}`;
  return `${verb} ${Math.abs(fill.size)} ${symbolOf(contracts, fill.contractId)} @ ${fill.price}${pnl}`;
}
