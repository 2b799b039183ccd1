/**
 * Executes enforcement actions against the broker. Each action is recorded before its call goes
 * out; transient failures (network, 5xx, 429) are retried with backoff; "already gone" answers
 * count as success. An action already in flight, or done but not yet confirmed by a later event,
 * is not sent again — so a close is requested once however many events repeat the breach.
 */
import { GatewayRateLimitedError, GatewayRejectedError, isTransient } from '../gateway/errors';
import type { Logger } from '../log';
import { delay, type Clock } from '../schedule/clock';
import type { ActionStatus, RiskStore } from '../store/risk-store';
import type { Broker } from './broker';
import type { Action } from './planner';
import { NOTHING_CLOSING } from '../engine/rule';

export interface ExecutorOptions {
  mode: 'live' | 'dry_run';
  /**
   * Re-reads the account after a final refusal: a cancel of an order that filled meanwhile, or a
   * close of a position that is gone, was not needed rather than failed.
   */
  stillNeeded?: (action: Action) => Promise<boolean>;
  /**
   * Re-reads the gateway before a call that is not safe to repeat (a trim, a new stop) is sent
   * again after an ambiguous failure (network, 5xx: the first may have gone through). Returns the
   * call to send now, or null when nothing is left to do.
   */
  reread?: (action: Action) => Promise<Action | null>;
  backoffMs?: readonly number[];
  /** How long a completed action waits for the event that confirms it before it may be sent again. */
  settleMs?: number;
}

export interface ActionOutcome {
  action: Action;
  status: ActionStatus;
  detail: string | null;
  /** Why the action was taken, e.g. "rejected while locked". */
  label: string;
}

interface Pending {
  completedAt: number | null;
  /** The event that confirms the action came while its call was still in flight. */
  confirmed: boolean;
  /** The position a close sent (and not refused) is taking away: rules count without it. */
  closing: { accountId: number; contractId: string } | null;
}

const ALREADY_GONE = new Set(['PositionNotFound', 'OrderNotFound']);
/** Calls whose repeat does no harm: a second close closes what is left, a second cancel or modify finds it done. */
const REPEATABLE: ReadonlySet<Action['kind']> = new Set(['closePosition', 'cancelOrder']);

/** A failure after which the gateway may have acted (the request may have arrived); a 429 means it did not. */
function isAmbiguous(error: unknown): boolean {
  return !(error instanceof GatewayRateLimitedError);
}

/** One in-flight action per position (close or trim), per position's stop, and per order. */
export function actionKey(action: Action): string {
  switch (action.kind) {
    case 'cancelOrder':
      return `cancel:${action.accountId}:${action.orderId}`;
    case 'moveStop':
      return `stop:${action.accountId}:${action.contractId}`;
    default:
      return `position:${action.accountId}:${action.contractId}`;
  }
}

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

  constructor(
    private readonly broker: Broker,
    private readonly store: RiskStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onOutcome: (outcome: ActionOutcome) => void,
    private readonly options: ExecutorOptions,
  ) {
    this.backoffMs = options.backoffMs ?? [100, 250, 500, 1000, 2000, 4000];
    this.settleMs = options.settleMs ?? 3000;
  }

  setMode(mode: ExecutorOptions['mode']): void {
    this.options.mode = mode;
  }

  /** Records the action synchronously (inside the caller's transaction) and sends it afterwards. */
  submit(action: Action, label: string): boolean {
    const key = actionKey(action);
    const existing = this.pending.get(key);
    const now = this.clock.now();
    if (existing && (existing.completedAt === null || now - existing.completedAt < this.settleMs)) return false;

    const at = new Date(now).toISOString();
    const base = { accountId: action.accountId, ruleId: action.ruleId, action: action.kind, target: describeAction(action) };
    if (this.options.mode === 'dry_run') {
      this.store.recordAction(at, { ...base, status: 'dry_run', detail: label });
      this.pending.set(key, { completedAt: now, confirmed: false, closing: null });
      this.onOutcome({ action, status: 'dry_run', detail: null, label });
      return true;
    }
    const id = this.store.recordAction(at, { ...base, status: 'sent', detail: label });
    const entry: Pending = {
      completedAt: null,
      confirmed: false,
      closing: action.kind === 'closePosition' ? { accountId: action.accountId, contractId: action.contractId } : null,
    };
    this.pending.set(key, entry);
    const run = Promise.resolve()
      .then(() => this.execute(action))
      .then(
        () => this.finish(id, entry, action, label, 'done', null),
        async (error: unknown) => {
          const needed = await (this.options.stillNeeded?.(action) ?? true);
          this.finish(id, entry, action, label, needed ? 'failed' : 'not_needed', (error as Error).message);
        },
      );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return true;
  }

  /** A position event confirmed a close or trim: a further breach may act again. */
  settlePosition(accountId: number, contractId: string): void {
    this.settle(`position:${accountId}:${contractId}`);
  }

  /** An order event confirmed a cancel, or a stop placed or moved on that contract. */
  settleOrder(accountId: number, orderId: number, contractId: string): void {
    this.settle(`cancel:${accountId}:${orderId}`);
    this.settle(`stop:${accountId}:${contractId}`);
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

  /** Resolves when every action sent so far has finished (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private settle(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    if (entry.completedAt === null) entry.confirmed = true;
    else this.pending.delete(key);
  }

  private finish(id: number, entry: Pending, action: Action, label: string, status: ActionStatus, detail: string | null): void {
    entry.completedAt = this.clock.now();
    if (status === 'failed') entry.closing = null;
    if (entry.confirmed) this.pending.delete(actionKey(action));
    this.store.updateAction(id, status, detail);
    if (status === 'failed') this.logger.error(`enforcement ${describeAction(action)} for account ${action.accountId} failed: ${detail}`);
    this.onOutcome({ action, status, detail, label });
  }

  private async execute(first: Action): Promise<void> {
    let action: Action | null = first;
    for (let attempt = 0; action; attempt++) {
      try {
        await this.call(action);
        return;
      } catch (error) {
        if (error instanceof GatewayRejectedError && ALREADY_GONE.has(error.codeName)) return;
        const wait = this.backoffMs[attempt];
        if (!isTransient(error) || wait === undefined) throw error;
        this.logger.warn(`${describeAction(action)} failed (${(error as Error).message}); retrying in ${wait} ms`);
        await delay(this.clock, wait);
        if (isAmbiguous(error) && !REPEATABLE.has(action.kind) && this.options.reread) action = await this.options.reread(action);
      }
    }
  }

  private call(action: Action): Promise<void> {
    switch (action.kind) {
      case 'closePosition':
        return this.broker.closePosition(action.accountId, action.contractId);
      case 'reducePosition':
        return this.broker.partialClosePosition(action.accountId, action.contractId, action.size);
      case 'cancelOrder':
        return this.broker.cancelOrder(action.accountId, action.orderId);
      case 'moveStop':
        return action.orderId === null
          ? this.broker.placeStop(action.accountId, action.contractId, action.side, action.size, action.stopPrice)
          : this.broker.modifyStop(action.accountId, action.orderId, action.stopPrice);
    }
  }
}
