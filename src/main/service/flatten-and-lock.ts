/**
 * What the self-lockout and the kill switch both do to an account: lock it (written before any call
 * goes out, as a rule's lock is), then close every position and cancel every order through the same
 * flatten the enforcer uses. A lock already in force that ends later, or only by an admin unlock, is
 * kept (the lock book decides): the account is flattened all the same.
 */
import type { Executor, Recorder } from '../enforcement/executor';
import type { Journal } from '../enforcement/journal';
import { lockHolderTitle, nonRuleTitle } from '../enforcement/lock-sources';
import { inText, lockedTitle, untilWords } from '../enforcement/lock-words';
import type { LockOutcome, Lockouts } from '../enforcement/lockouts';
import { flattenActions, type AccountExposure } from '../enforcement/planner';
import { LOCKOUT_FLATTEN } from '../enforcement/why-text';
import type { LockRequest } from '../schedule/lock-end';
import type { LockoutRecord } from '../store/risk-store';

export interface FlattenAndLockDeps {
  lockouts: Lockouts;
  executor: Pick<Executor, 'submit'>;
  recorder: Recorder;
  journal: Journal;
  /** The title of the rule that holds a lock, for the words of one that is kept. */
  ruleTitle(ruleId: string): string | null;
}

export interface AccountLock extends LockOutcome {
  accountId: number;
}

export class FlattenAndLock {
  constructor(private readonly deps: FlattenAndLockDeps) {}

  /** Locks and flattens each account in one batch of records; `audit` is the trader's row, written with them. */
  apply(
    accounts: readonly AccountExposure[],
    request: LockRequest,
    ruleId: string,
    reason: string,
    now: number,
    audit: { action: string; detail: string },
  ): AccountLock[] {
    const { lockouts, executor, recorder, journal } = this.deps;
    const title = nonRuleTitle(ruleId) ?? ruleId;
    const at = new Date(now).toISOString();
    return recorder.batch(() => {
      recorder.write(`the ${audit.action}`, (store) => store.audit(at, 'trader', audit.action, null, audit.detail));
      return accounts.map((account) => {
        const outcome = lockouts.lock(account.id, request, ruleId, reason, now);
        journal.add(
          'lockout',
          account.id,
          this.lockTitle(outcome, title, now),
          outcome.created ? reason : this.keptWords(outcome.lock, now),
        );
        for (const action of flattenActions(account, ruleId, reason, title)) executor.submit(action, LOCKOUT_FLATTEN);
        return { accountId: account.id, ...outcome };
      });
    });
  }

  /** "until 5:00 PM CT" today, "until Tue Mar 10, 9:30 AM CT" another day, or "until an administrator unlocks it". */
  untilWords(lock: LockoutRecord, now: number): string {
    return untilWords(lock.until, this.timeZone(), now);
  }

  lockInForce(accountId: number): LockoutRecord | null {
    return this.deps.lockouts.current(accountId);
  }

  /** "Daily realized loss until 5:00 PM CT": who holds the lock and until when. */
  lockWords(lock: LockoutRecord, now: number): string {
    return `${lockHolderTitle(lock.ruleId, this.deps.ruleTitle)} ${this.untilWords(lock, now)}`;
  }

  /** Why a lock asked for was not written: the one in force lasts at least as long. */
  keptWords(lock: LockoutRecord, now: number): string {
    return `already locked by ${this.lockWords(lock, now)}, which lasts at least as long: that lock is kept`;
  }

  private lockTitle(outcome: LockOutcome, title: string, now: number): string {
    if (outcome.created) return lockedTitle(outcome.lock.until, title, this.timeZone(), now);
    return `Flattened by the ${inText(title)}; the account stays locked ${this.untilWords(outcome.lock, now)}`;
  }

  private timeZone(): string {
    return this.deps.lockouts.calendar().schedule.timezone;
  }
}
