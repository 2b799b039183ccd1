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

export function describeOutcome({ action, status }: ActionOutcome): string {
  const symbol = symbolOfContractId(action.contractId);
  const target =
    action.kind === 'cancelOrder'
      ? `${symbol} order ${action.orderId}`
      : action.kind === 'reducePosition'
        ? `${symbol} position by ${action.size}`
        : action.kind === 'moveStop'
          ? `${symbol} position to ${action.stopPrice}`
          : `${symbol} position`;
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
