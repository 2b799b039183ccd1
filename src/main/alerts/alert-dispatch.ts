/**
 * Sends the timeline's breaches and locks to the alert webhook, off the enforcement path: `add`
 * only queues, so a slow or dead receiver never delays a close. Alerts leave one at a time, in
 * order; a transient failure is tried again on a backoff table for a bounded time, a refusal is
 * not; one that cannot be delivered is logged and shown once as a problem until one gets through.
 */
import type { TimelineKind, Tone } from '../../shared/contract';
import type { Journal } from '../enforcement/journal';
import type { Logger } from '../log';
import { backoffStep } from '../schedule/backoff';
import type { Clock, TimerHandle } from '../schedule/clock';
import type { Alert, AlertKind } from './webhook-format';
import { postAlert, WEBHOOK_TIMEOUT_MS } from './webhook-sender';
import { receiverOf, type WebhookTarget } from './webhook-target';

/** What an alert says about its account, read when the entry is written (the lock is already made). */
export interface AccountAbout {
  name: string | null;
  lockRuleId: string | null;
}

export interface AlertDispatchDeps {
  target: WebhookTarget;
  clock: Clock;
  logger: Logger;
  /** The service's problem list (service/problems.ts), named by shape so alerts do not depend on the service. */
  problems: { report(kind: 'alerts', title: string, detail: string): void; clear(kind: 'alerts', resolution: string): void };
  about(accountId: number): AccountAbout;
  retryMs?: readonly number[];
  /** From an alert's first try: no try starts after this. */
  giveUpAfterMs?: number;
  timeoutMs?: number;
  /** Alerts waiting behind the one being sent; past it the oldest waiting one is dropped. */
  capacity?: number;
  /** The network boundary; tests of the retry plan script its answers. */
  post?: typeof postAlert;
}

export const ALERT_RETRY_MS = [1_000, 2_000, 5_000, 15_000, 30_000] as const;
export const ALERT_GIVE_UP_AFTER_MS = 2 * 60_000;
export const ALERT_QUEUE_CAPACITY = 50;

/** A lock made by the kill switch is named as such, so a phone shows at once that it was the trader's own button. */
function alertKindOf(kind: 'breach' | 'lockout', about: AccountAbout | null): AlertKind {
  if (kind === 'breach') return 'breach';
  return about?.lockRuleId === 'KILL-SWITCH' ? 'kill_switch' : 'lock';
}

export class AlertDispatch implements Journal {
  private readonly waiting: Alert[] = [];
  private sending: Alert | null = null;
  private timer: TimerHandle | null = null;
  private failing = false;
  private stopped = false;

  constructor(private readonly deps: AlertDispatchDeps) {}

  add(kind: TimelineKind, accountId: number | null, title: string, detail: string | null, tone: Tone = 'bad'): void {
    if (this.stopped || (kind !== 'breach' && kind !== 'lockout')) return;
    const about = accountId === null ? null : this.deps.about(accountId);
    const at = new Date(this.deps.clock.now()).toISOString();
    this.waiting.push({ kind: alertKindOf(kind, about), accountId, accountName: about?.name ?? null, title, detail, at, tone });
    if (this.waiting.length > (this.deps.capacity ?? ALERT_QUEUE_CAPACITY)) {
      const dropped = this.waiting.shift()!;
      this.deps.logger.warn(
        `alert "${dropped.title}" dropped unsent: ${receiverOf(this.deps.target)} is not taking alerts as fast as they come`,
      );
    }
    this.next();
  }

  /** Alerts not sent yet are given up (and logged); an answer still on its way is ignored. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    const unsent = this.waiting.length + (this.sending ? 1 : 0);
    if (unsent > 0) this.deps.logger.warn(`${unsent} alert(s) not sent to ${receiverOf(this.deps.target)}: Risk Warden stopped`);
    this.waiting.length = 0;
  }

  private next(): void {
    if (this.sending || this.stopped) return;
    const alert = this.waiting.shift();
    if (!alert) return;
    this.sending = alert;
    void this.attempt(alert, 0, this.deps.clock.now());
  }

  private async attempt(alert: Alert, tries: number, firstAt: number): Promise<void> {
    const { clock, target } = this.deps;
    const result = await (this.deps.post ?? postAlert)(target, alert, clock, this.deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
    if (this.stopped) return;
    if (result.outcome === 'delivered') return this.done(null);
    if (result.outcome === 'retry') {
      const wait = result.retryAfterMs ?? backoffStep(this.deps.retryMs ?? ALERT_RETRY_MS, tries);
      if (clock.now() + wait - firstAt <= (this.deps.giveUpAfterMs ?? ALERT_GIVE_UP_AFTER_MS)) {
        this.timer = clock.setTimeout(() => void this.attempt(alert, tries + 1, firstAt), wait);
        return;
      }
    }
    this.done(`${result.why}, after ${tries + 1} ${tries === 0 ? 'try' : 'tries'}`);
  }

  /** `failure`: why the alert being sent was given up; null when it was delivered. */
  private done(failure: string | null): void {
    const alert = this.sending!;
    this.sending = null;
    const receiver = receiverOf(this.deps.target);
    if (failure === null && this.failing) {
      this.failing = false;
      this.deps.problems.clear('alerts', `Alerts reach ${receiver} again`);
    } else if (failure !== null) {
      this.deps.logger.warn(`alert "${alert.title}" not delivered to ${receiver}: ${failure}`);
      if (!this.failing)
        this.deps.problems.report(
          'alerts',
          'Alerts are not reaching the webhook',
          `${receiver} did not take the alert "${alert.title}" (${failure}). Enforcement goes on as before; the next alerts are still sent. Check the webhook with "Send test alert" in Settings`,
        );
      this.failing = true;
    }
    this.next();
  }
}
