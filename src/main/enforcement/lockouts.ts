/**
 * The lock book: one active lock per account, written to the store before any enforcement call
 * goes out so that a crash or restart never forgets it; expired locks are cleared on their own.
 * The book in memory is the one in force: a lock the store refuses still holds while Risk Warden
 * runs, and its write (then its end's) is retried in order until the store takes it.
 * An administrator's unlock also keeps the rule that locked from locking again until the lock
 * would have ended, or else a limit that is still exceeded would lock the account at once.
 */
import type { LockoutKind } from '../../shared/contract';
import { wallClock } from '../../shared/time-format';
import type { LockRequest } from '../schedule/lock-end';
import { lockEnd, type LockCalendar } from '../schedule/lock-end';
import type { LockoutRecord, OverrideRecord, RiskStore } from '../store/risk-store';
import type { Recorder } from './executor';

const KIND_STRENGTH: Record<LockoutKind, number> = {
  cooldown: 1,
  untilSessionStart: 2,
  untilReset: 2,
  untilWeeklyReset: 2,
  untilTime: 2,
  untilAdmin: 3,
};

export interface LockOutcome {
  lock: LockoutRecord;
  created: boolean;
}

export class Lockouts {
  private readonly active = new Map<number, LockoutRecord>();
  /** A lock not yet in the store has a negative id until it is. */
  private unsaved = 0;

  constructor(
    store: Pick<RiskStore, 'activeLockouts'>,
    private readonly recorder: Recorder,
    /** The calendar of the config in force, by which a lock's end is set. */
    readonly calendar: () => LockCalendar,
  ) {
    for (const lock of store.activeLockouts()) this.active.set(lock.accountId, lock);
  }

  current(accountId: number): LockoutRecord | null {
    return this.active.get(accountId) ?? null;
  }

  /** Locks the account unless an at-least-as-strong lock is already in force. */
  lock(accountId: number, request: LockRequest, ruleId: string, reason: string, now: number): LockOutcome {
    const until = lockEnd(request, now, this.calendar());
    const existing = this.active.get(accountId);
    if (existing && !this.isStronger(request.kind, until, existing)) return { lock: existing, created: false };
    const at = new Date(now).toISOString();
    const fields: Omit<LockoutRecord, 'id'> = {
      accountId,
      kind: request.kind,
      ruleId,
      reason,
      since: at,
      until: until === null ? null : new Date(until).toISOString(),
    };
    const record: LockoutRecord = { id: --this.unsaved, ...fields };
    const end = fields.until === null ? 'admin unlock' : wallClock(fields.until, this.calendar().schedule.timezone);
    let saved = record.id;
    this.recorder.write(
      `the ${request.kind} lock of account ${accountId}`,
      (store) => {
        // Read when written: the lock it replaces has its stored id by then (its save was written first).
        if (existing) store.clearLockout(existing.id, at, `superseded by ${ruleId}`);
        saved = store.saveLockout(fields).id;
        store.audit(at, 'risk-engine', 'lock', accountId, `${request.kind} until ${end}: ${reason}`);
      },
      { keep: true, written: () => (record.id = saved) },
    );
    this.active.set(accountId, record);
    return { lock: record, created: true };
  }

  /**
   * Lifts the account's lock after the elevation prompt proved an administrator, and records what
   * the administrator chose for the rule that locked, until `dayEnd` (the next daily reset):
   * `suspend` — it may not lock again; `resume` — it is judged again against a fresh limit counted
   * from `baseline` (the rule engine reads that override, see engine/rule-overrides.ts).
   */
  adminUnlock(
    accountId: number,
    reason: string,
    now: number,
    dayEnd: number,
    choice: Pick<OverrideRecord, 'mode' | 'baseline'> = { mode: 'suspend', baseline: null },
  ): LockoutRecord | null {
    const lock = this.active.get(accountId);
    if (!lock) return null;
    const at = new Date(now).toISOString();
    const override: OverrideRecord = {
      accountId,
      ruleId: lock.ruleId,
      until: new Date(dayEnd).toISOString(),
      grantedAt: at,
      reason,
      ...choice,
    };
    const effect =
      override.mode === 'suspend'
        ? `${lock.ruleId} suspended until ${wallClock(override.until, this.calendar().schedule.timezone)}`
        : `${lock.ruleId} resumed with a fresh limit counted from ${override.baseline?.value ?? 0} at the unlock`;
    this.recorder.write(
      `the admin unlock of account ${accountId}`,
      (store) => {
        store.clearLockout(lock.id, at, 'admin');
        store.saveOverride(override);
        store.audit(at, 'admin', 'unlock', accountId, `${lock.kind} lock by ${lock.ruleId} lifted (${effect}): ${reason}`);
      },
      { keep: true },
    );
    this.active.delete(accountId);
    return lock;
  }

  /** Clears every lock whose end time has come; returns them. */
  expire(now: number): LockoutRecord[] {
    const expired: LockoutRecord[] = [];
    for (const lock of this.active.values()) {
      if (lock.until !== null && Date.parse(lock.until) <= now) expired.push(lock);
    }
    if (expired.length === 0) return expired;
    const at = new Date(now).toISOString();
    for (const lock of expired) this.active.delete(lock.accountId);
    this.recorder.write(
      `the end of ${expired.length === 1 ? 'a lock' : `${expired.length} locks`}`,
      (store) => {
        for (const lock of expired) {
          store.clearLockout(lock.id, at, 'schedule');
          store.audit(at, 'schedule', 'unlock', lock.accountId, `${lock.kind} lock by ${lock.ruleId} ended`);
        }
      },
      { keep: true },
    );
    return expired;
  }

  private isStronger(kind: LockoutKind, until: number | null, existing: LockoutRecord): boolean {
    const byKind = KIND_STRENGTH[kind] - KIND_STRENGTH[existing.kind];
    if (byKind !== 0) return byKind > 0;
    if (existing.until === null) return false;
    return until === null || until > Date.parse(existing.until);
  }
}
