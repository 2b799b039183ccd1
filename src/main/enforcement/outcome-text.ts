/** How the timeline words an enforcement outcome, in a trader's terms. */
import { symbolOf, type ContractLookup } from '../../shared/symbols';
import type { ActionOutcome } from './executor';
import type { Action } from './planner';

const VERBS: Record<Action['kind'], { verb: string; done: string }> = {
  closePosition: { verb: 'close', done: 'Closed' },
  reducePosition: { verb: 'reduce', done: 'Reduced' },
  cancelOrder: { verb: 'cancel', done: 'Cancelled' },
  moveStop: { verb: 'move the stop of', done: 'Moved the stop of' },
};

/** What the action works on: "MNQ order 12", "MNQ position by 2", "MNQ position to 21000", "MNQ position". */
function targetOf(action: Action, contracts: ContractLookup): string {
  const symbol = symbolOf(contracts, action.contractId);
  switch (action.kind) {
    case 'cancelOrder':
      return `${symbol} order ${action.orderId}`;
    case 'reducePosition':
      return `${symbol} position by ${action.size}`;
    case 'moveStop':
      return `${symbol} position to ${action.stopPrice}`;
    case 'closePosition':
      return `${symbol} position`;
  }
}

export function describeOutcome({ action, status }: ActionOutcome, contracts: ContractLookup): string {
  const target = targetOf(action, contracts);
  const { verb, done } = VERBS[action.kind];
  switch (status) {
    case 'done':
      return `${done} ${target}`;
    case 'failed':
      return `Could not ${verb} ${target}`;
    case 'not_needed':
      return `No need to ${verb} ${target}: already done`;
    case 'dry_run':
      return `Dry run: would ${verb} ${target}`;
    case 'sent':
      return `Sent: ${verb} ${target}`;
  }
}
