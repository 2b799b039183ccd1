/** How the timeline words what happened: fills and enforcement outcomes, in a trader's terms. */
import type { Fill } from '../../shared/domain';
import { symbolOfContractId } from '../../shared/domain';
import type { ActionOutcome } from '../enforcement/executor';
import type { Action } from '../enforcement/planner';

export function describeFill(fill: Fill): string {
  const verb = fill.size > 0 ? 'Bought' : 'Sold';
  const pnl = fill.profitAndLoss === null ? '' : `, P&L ${fill.profitAndLoss.toFixed(2)}`;
  return `${verb} ${Math.abs(fill.size)} ${symbolOfContractId(fill.contractId)} @ ${fill.price}${pnl}`;
}

const VERBS: Record<Action['kind'], { verb: string; done: string }> = {
  closePosition: { verb: 'close', done: 'Closed' },
  reducePosition: { verb: 'reduce', done: 'Reduced' },
  cancelOrder: { verb: 'cancel', done: 'Cancelled' },
  moveStop: { verb: 'move the stop of', done: 'Moved the stop of' },
};

/** What the action works on: "MNQ order 12", "MNQ position by 2", "MNQ position to 21000", "MNQ position". */
function targetOf(action: Action): string {
  const symbol = symbolOfContractId(action.contractId);
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

export function describeOutcome({ action, status }: ActionOutcome): string {
  const target = targetOf(action);
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
