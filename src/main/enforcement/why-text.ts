/**
 * Why an enforcement action was taken, as the timeline says it. The label is also what the store
 * records with the action (a record may stay technical); the timeline says it in words.
 */
import type { Action } from './planner';

export const REJECTED_WHILE_LOCKED = 'rejected while locked';
export const LOCKOUT_FLATTEN = 'flatten on lockout';
export const RULE_BREACH = 'rule breach';

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "6 contracts open (net), limit 5", "The account is now locked: …", "Not allowed while the account is locked: …". */
export function whyText(action: Action, label: string): string {
  switch (label) {
    case RULE_BREACH:
      return sentence(action.reason);
    case LOCKOUT_FLATTEN:
      return `The account is now locked, so every position is closed and every order cancelled. ${sentence(action.reason)}`;
    case REJECTED_WHILE_LOCKED:
      return `Not allowed while the account is locked. ${sentence(action.reason)}`;
    default:
      // Risk Warden's own stop on a closed or shrunk position: the label is the reason in words.
      return `Risk Warden's own stop: ${label}`;
  }
}
