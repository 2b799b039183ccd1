/** How the timeline words a fill, in a trader's terms: "Bought 2 MNQ at 21,000.25 (P&L +$12.50)". */
import type { Fill } from '../../shared/domain';
import { signedMoney } from '../../shared/money';
import { symbolOf, type ContractLookup } from '../../shared/symbols';
import { priceText } from '../enforcement/outcome-text';

export function describeFill(fill: Fill, contracts: ContractLookup): string {
  const verb = fill.size > 0 ? 'Bought' : 'Sold';
  const pnl = fill.profitAndLoss === null ? '' : ` (P&L ${signedMoney(fill.profitAndLoss)})`;
  return `${verb} ${Math.abs(fill.size)} ${symbolOf(contracts, fill.contractId)} at ${priceText(fill.price)}${pnl}`;
}
