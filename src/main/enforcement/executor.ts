/**
 * Executes enforcement actions against the broker. Each action is recorded before its call goes
 * out, and the call goes out whether the store takes the record or not; transient failures
 * (network, 5xx, 429) are retried with backoff; "already gone" answers count as success. An
 * action already in flight, or done but not yet confirmed by a later event, is not sent again —
 * so a close is requested once however many events repeat the breach. An action is confirmed
 * only by the outcome it aims at, seen in the account's consistent state: the position gone (or
 * trimmed to its target), the order no longer working, the stop at its price — never by just any
 * event about the position, nor by a reconcile that read it still open. After a failure the
 * executor reads the broker to learn whether anything is left to do.
 */
import { NOTHING_CLOSING } from '../engine/rule';
import { tradeManagement } from '../engine/rules/trade-management';
import type { ContractLookup } from '../../shared/symbols';
import type { Logger } from '../log';
import { delay, type Clock } from '../schedule/clock';
import type { ActionStatus, RiskStore } from '../store/risk-store';
import { failureOf, type Broker } from './broker';
import type { Journal } from './journal';
import { describeOutcome } from './outcome-text';
import type { AccountExposure, Action } from './planner';
import { stillNeeded, whatIsLeft } from './recheck';
import { whyText } from './why-text';

export type EnforcementMode = 'live' | 'dry_run';

export interface RecordOptions {
  /** Never dropped while the store refuses, however many writes wait (locks, their ends, unlocks). */
  keep?: boolean;
  /** While it waits, a later write with the same key replaces it (state of which only the latest counts). */
  key?: string;
  /** Runs once the write is in the store (its transaction committed): ids it produced may be used from then on. */
  written?: () => void;
}

/**
 * Where enforcement's records go (the service's StoreWrites). A write never throws and never
 * waits: when the store refuses it, it is kept and retried in order, and the trader is told.
 */
export interface Recorder {
  /** Writes at once in a transaction of its own, or with the batch it is made in. */
  write(what: string, work: (store: RiskStore) => void, options?: RecordOptions): void;
  /** The writes made while `decide` runs go to the store together, in one transaction, when it returns. */
  batch<T>(decide: () => T): T;
}

export interface ExecutorDeps {
  broker: Broker;
  recorder: Recorder;
  clock: Clock;
  logger: Logger;
  /** Where each outcome is told (the timeline). */
  journal: Journal;
  /** Where an outcome's contract is read for the symbol the timeline shows (the market book). */
  contracts: ContractLookup;
  mode: EnforcementMode;
  backoffMs?: readonly number[];
  /** How long a completed action waits for the event that confirms it before it may be sent again. */
  settleMs?: number;
  /** A stop of Risk Warden's own is on the broker's book (it must not outlive its position). */
  stopPlaced?(accountId: number, orderId: number): void;
}

export interface ActionOutcome {
  action: Action;
  status: ActionStatus;
  detail: string | null;
  /** Why the action was taken, e.g. "rejected while locked". */
  label: string;
}

/** An action's row in the store, once it is there. */
interface ActionRecord {
  id: number | null;
}

interface Pending {
  action: Action;
  completedAt: number | null;
  /** The event that confirms the action came while its call was still in flight. */
  confirmed: boolean;
  /** The position a close sent (and not refused) is taking away: rules count without it. */
  closing: { accountId: number; contractId: string } | null;
}

/** Calls whose repeat does no harm: a second close closes what is left, a second cancel or modify finds it done. */
const REPEATABLE: ReadonlySet<Action['kind']> = new Set(['closePosition', 'cancelOrder']);

/** One in-flight action per position (close or trim), per position's stop, and per order. */
export function actionKey(action: Action): string {
  switch (action.kind) {
    case 'cancelOrder':
      return cancelKey(action.accountId, action.orderId);
    case 'moveStop':
      return stopKey(action.accountId, action.contractId);
    default:
      return positionKey(action.accountId, action.contractId);
  }
}

/** Whether the account shows what the action aims at. */
function achieved(action: Action, account: AccountExposure): boolean {
  const position = account.positions().find((p) => p.contractId === action.contractId);
  switch (action.kind) {
    case 'closePosition':
      return !position;
    case 'reducePosition':
      return Math.abs(position?.size ?? 0) <= action.targetSize;
    case 'cancelOrder':
      return !account.workingOrders().some((o) => o.id === action.orderId);
    case 'moveStop':
      return account
        .workingOrders()
        .some(
          (o) =>
            o.contractId === action.contractId && o.stopPrice === action.stopPrice && (action.orderId === null || o.id === action.orderId),
        );
  }
}

const cancelKey = (accountId: number, orderId: number) => `cancel:${accountId}:${orderId}`;
const stopKey = (accountId: number, contractId: string) => `stop:${accountId}:${contractId}`;
const positionKey = (accountId: number, contractId: string) => `position:${accountId}:${contractId}`;

export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'closePosition':
      return `close ${action.contractId}`;
    case 'reducePosition':
      return `reduce ${action.contractId} by ${action.size}`;
    case 'cancelOrder':
      return `cancel order ${action.orderId}`;
    case 'moveStop':
      return `${action.orderId === null ? 'place' : 'move'} ${action.contractId} stop at ${action.stopPrice}`;
  }
}

export class Executor {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Set<Promise<void>>();
  private readonly backoffMs: readonly number[];
  private readonly settleMs: number;
  private mode: EnforcementMode;

  constructor(private readonly deps: ExecutorDeps) {
    this.backoffMs = deps.backoffMs ?? [100, 250, 500, 1000, 2000, 4000];
    this.settleMs = deps.settleMs ?? 3000;
    this.mode = deps.mode;
  }

  setMode(mode: EnforcementMode): void {
    this.mode = mode;
  }

  /** Records the action synchronously (with the caller's batch) and sends it afterwards, recorded or not. */
  submit(action: Action, label: string): boolean {
    const key = actionKey(action);
    const existing = this.pending.get(key);
    const now = this.deps.clock.now();
    // A close is never held back by a trim of the same position still on its way (a kill switch while a
    // rule trims): closeContract takes whatever is left, and a trim that then finds too little is refused by the broker.
    const supersedes = action.kind === 'closePosition' && existing?.action.kind === 'reducePosition';
    if (existing && !supersedes && (existing.completedAt === null || now - existing.completedAt < this.settleMs)) return false;

    const at = new Date(now).toISOString();
    const base = { accountId: action.accountId, ruleId: action.ruleId, action: action.kind, target: describeAction(action) };
    const what = `the ${describeAction(action)} action for account ${action.accountId}`;
    if (this.mode === 'dry_run') {
      this.deps.recorder.write(what, (store) => void store.recordAction(at, { ...base, status: 'dry_run', detail: label }));
      this.pending.set(key, { action, completedAt: now, confirmed: false, closing: null });
      this.tell({ action, status: 'dry_run', detail: null, label });
      return true;
    }
    // Its id is known once the record is in the store; the answer is recorded after it, in order.
    const record: ActionRecord = { id: null };
    let id: number | null = null;
    this.deps.recorder.write(what, (store) => (id = store.recordAction(at, { ...base, status: 'sent', detail: label })), {
      written: () => (record.id = id),
    });
    const entry: Pending = {
      action,
      completedAt: null,
      confirmed: false,
      closing: action.kind === 'closePosition' ? { accountId: action.accountId, contractId: action.contractId } : null,
    };
    this.pending.set(key, entry);
    const run = Promise.resolve()
      .then(() => this.execute(action))
      .then(
        () => this.finish(record, entry, action, label, 'done', null),
        async (error: unknown) => {
          const needed = await this.neededAfterRefusal(action);
          this.finish(record, entry, action, label, needed ? 'failed' : 'not_needed', (error as Error).message);
        },
      );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return true;
  }

  /** The account after an event or a reconcile was applied: the actions whose outcome it shows are confirmed. */
  observe(account: AccountExposure): void {
    for (const [key, entry] of this.pending) {
      if (entry.action.accountId === account.id && achieved(entry.action, account)) this.settle(key, entry);
    }
  }

  /**
   * Positions of the account a close is on its way for. An account-wide count must not blame
   * another position for contracts that are already being closed.
   */
  closing(accountId: number): ReadonlySet<string> {
    if (this.pending.size === 0) return NOTHING_CLOSING;
    const contracts = new Set<string>();
    for (const entry of this.pending.values()) {
      if (entry.closing?.accountId === accountId) contracts.add(entry.closing.contractId);
    }
    return contracts;
  }

  /** Whether a close or trim of ours on this position is on its way or not yet confirmed: a fill on it now is ours, not the trader's. */
  closesPosition(accountId: number, contractId: string): boolean {
    return this.pending.has(positionKey(accountId, contractId));
  }

  /** Resolves when every action sent so far has finished (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private settle(key: string, entry: Pending): void {
    if (entry.completedAt === null) entry.confirmed = true;
    else this.pending.delete(key);
  }

  private finish(record: ActionRecord, entry: Pending, action: Action, label: string, status: ActionStatus, detail: string | null): void {
    entry.completedAt = this.deps.clock.now();
    if (status === 'failed') entry.closing = null;
    if (entry.confirmed && this.pending.get(actionKey(action)) === entry) this.pending.delete(actionKey(action));
    // A record the store never took (too many writes waited) has no row to update.
    this.deps.recorder.write(`the answer to the ${describeAction(action)} action for account ${action.accountId}`, (store) => {
      if (record.id !== null) store.updateAction(record.id, status, detail);
    });
    if (status === 'failed')
      this.deps.logger.error(`enforcement ${describeAction(action)} for account ${action.accountId} failed: ${detail}`);
    this.tell({ action, status, detail, label });
  }

  /**
   * Tells the timeline what was done, to what, and because of which rule. A refused action that was
   * no longer needed (the order had filled, the position was gone) is no news to the trader: it
   * goes to the log only. A stop Risk Warden moves or places for the trader (or its own stop it
   * cancels) is automation, not enforcement; an action that failed is bad news the trader must look at.
   */
  private tell(outcome: ActionOutcome): void {
    const { action, status, label, detail } = outcome;
    if (status === 'not_needed') {
      this.deps.logger.info(
        `${describeAction(action)} for account ${action.accountId} not needed: already done (${detail ?? 'no detail'})`,
      );
      return;
    }
    const title = describeOutcome(outcome, this.deps.contracts);
    const why = whyText(action, label);
    if (status === 'failed') {
      const refused = `The broker refused (${detail ?? 'no reason given'}). Risk Warden tries again while the rule still calls for it; check the platform. ${why}`;
      this.deps.journal.add('enforcement', action.accountId, title, refused, 'bad');
      return;
    }
    const kind = action.kind === 'moveStop' || action.ruleId === tradeManagement.id ? 'automation' : 'enforcement';
    if (status === 'dry_run')
      this.deps.journal.add(kind, action.accountId, title, `Dry run: nothing was sent to the broker. ${why}`, 'info');
    else this.deps.journal.add(kind, action.accountId, title, why);
  }

  /** Whether the broker still shows what a refused action was for; when it cannot be read, assume so. */
  private async neededAfterRefusal(action: Action): Promise<boolean> {
    try {
      return await stillNeeded(this.deps.broker, action);
    } catch (error) {
      this.deps.logger.warn(`could not re-read the account after a refused ${action.kind}: ${(error as Error).message}`);
      return true;
    }
  }

  private async execute(first: Action): Promise<void> {
    let action: Action | null = first;
    for (let attempt = 0; action; attempt++) {
      try {
        await this.call(action);
        return;
      } catch (error) {
        const failure = failureOf(error);
        if (failure === 'alreadyGone') return;
        const wait = this.backoffMs[attempt];
        if (failure === 'final' || wait === undefined) throw error;
        this.deps.logger.warn(`${describeAction(action)} failed (${(error as Error).message}); retrying in ${wait} ms`);
        await delay(this.deps.clock, wait);
        // A rate-limited call did not reach the broker; after any other failure the first may have gone through.
        if (failure === 'transient' && !REPEATABLE.has(action.kind)) action = await whatIsLeft(this.deps.broker, action);
      }
    }
  }

  private async placeStop(action: Extract<Action, { kind: 'moveStop' }>): Promise<void> {
    const orderId = await this.deps.broker.placeStop(action.accountId, action.contractId, action.side, action.size, action.stopPrice);
    this.deps.stopPlaced?.(action.accountId, orderId);
  }

  private call(action: Action): Promise<void> {
    switch (action.kind) {
      case 'closePosition':
        return this.deps.broker.closePosition(action.accountId, action.contractId);
      case 'reducePosition':
        return this.deps.broker.partialClosePosition(action.accountId, action.contractId, action.size);
      case 'cancelOrder':
        return this.deps.broker.cancelOrder(action.accountId, action.orderId);
      case 'moveStop':
        if (action.orderId !== null) return this.deps.broker.modifyStop(action.accountId, action.orderId, action.stopPrice);
        return this.placeStop(action);
    }
  }
}
