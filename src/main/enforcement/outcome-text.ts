/** How the timeline words an enforcement outcome, in a trader's terms: what was done, to what, because of which rule. */
import { symbolOf, type ContractLookup } from '../../shared/symbols';
import type { ActionOutcome } from './executor';
import { inText } from './lock-words';
import type { Action } from './planner';

/** A price as the platform shows it: grouped, with the decimals it has ("21,000.25"). */
export function priceText(price: number): string {
  return price.toLocaleString('en-US', { maximumFractionDigits: 8 });
}

const contracts = (size: number) => `${size} contract${size === 1 ? '' : 's'}`;

/** The action in words, as done ("Closed MNQ (6 contracts)") and as meant ("close MNQ (6 contracts)"). */
function phrases(action: Action, lookup: ContractLookup): { done: string; meant: string } {
  const symbol = symbolOf(lookup, action.contractId);
  switch (action.kind) {
    case 'closePosition': {
      const what = action.size === undefined ? `${symbol}` : `${symbol} (${contracts(action.size)})`;
      return { done: `Closed ${what}`, meant: `close ${what}` };
    }
    case 'reducePosition': {
      const what = `${symbol} by ${contracts(action.size)} to ${action.targetSize}`;
      return { done: `Reduced ${what}`, meant: `reduce ${what}` };
    }
    case 'cancelOrder':
      return { done: `Cancelled ${symbol} order ${action.orderId}`, meant: `cancel ${symbol} order ${action.orderId}` };
    case 'moveStop': {
      const price = priceText(action.stopPrice);
      if (action.orderId === null)
        return { done: `Placed a stop on ${symbol} at ${price}`, meant: `place a stop on ${symbol} at ${price}` };
      return { done: `Moved the ${symbol} stop to ${price}`, meant: `move the ${symbol} stop to ${price}` };
    }
  }
}

/** "max contracts" after a colon: the rule's title as its card names it, in running text. */
function ruleWords(action: Action): string {
  const title = action.ruleTitle;
  if (!title) return '';
  return `: ${inText(title)}`;
}

export function describeOutcome({ action, status }: ActionOutcome, lookup: ContractLookup): string {
  const { done, meant } = phrases(action, lookup);
  const rule = ruleWords(action);
  switch (status) {
    case 'done':
      return `${done}${rule}`;
    case 'failed':
      return `Could not ${meant}${rule}`;
    case 'not_needed':
      return `No need to ${meant}: already done`;
    case 'dry_run':
      return `Dry run: would ${meant}${rule}`;
    case 'sent':
      return `Sent: ${meant}${rule}`;
  }
}
