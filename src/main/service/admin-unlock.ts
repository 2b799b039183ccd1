/**
 * Admin unlock: the OS prompt must prove an administrator is present before a lock is lifted.
 * Every attempt — approved, denied, cancelled, unavailable, refused, busy, not locked — is audited.
 * An approval lifts only the lock the administrator was asked about.
 * The administrator chooses what happens to the rule that locked (engine/rule-overrides.ts):
 * resume it with a fresh limit counted from now (the default), or suspend it until the reset.
 */
import type { UnlockChoice, UnlockResult } from '../../shared/contract';
import type { ElevationOutcome, Elevator } from '../elevation/elevator';
import type { Journal } from '../enforcement/journal';
import type { Lockouts } from '../enforcement/lockouts';
import { lockHolderTitle, nonRuleTitle } from '../enforcement/lock-sources';
import type { FreshLimit } from '../engine/rule-engine';
import { RuleOverrides } from '../engine/rule-overrides';
import type { Clock } from '../schedule/clock';
import { tradingDayAt, type TradingDaySchedule } from '../schedule/trading-day';
import type { LockoutRecord, OverrideRecord, RiskStore } from '../store/risk-store';
import { resumeEffect, resumeUnavailable, suspendEffect } from './unlock-text';

export interface AdminUnlockDeps {
  elevator: Elevator;
  lockouts: Lockouts;
  store: RiskStore;
  journal: Journal;
  clock: Clock;
  /** The end of the current trading day: how long the administrator's choice lasts. */
  dayEnd(): number;
  /** The overrides the rule engine reads; an approved unlock adds one at once. */
  overrides: RuleOverrides;
  /** The locking rule's figure now and what resuming it would do; null when that rule is not armed. */
  freshLimit(accountId: number, ruleId: string): FreshLimit | null;
  /** The trading timezone, for the times in the result. */
  timeZone(): string;
  /** An unlock was granted: judge the accounts again under it and show it. */
  unlocked(): void;
}

export class AdminUnlock {
  private prompting = false;

  constructor(private readonly deps: AdminUnlockDeps) {}

  async request(accountId: number, reason: string, choice: UnlockChoice = 'resume'): Promise<UnlockResult> {
    const { elevator, lockouts, store, journal, clock } = this.deps;
    const audit = (action: string, detail: string) => store.audit(new Date(clock.now()).toISOString(), 'admin', action, accountId, detail);
    const lock = lockouts.current(accountId);
    if (!lock) {
      audit('unlock not locked', `reason given: ${reason}`);
      return { outcome: 'notLocked', message: `account ${accountId} is not locked` };
    }
    if (this.prompting) {
      audit('unlock busy', `an elevation prompt was already open; reason given: ${reason}`);
      return { outcome: 'busy', message: 'an elevation prompt is already open; answer it first' };
    }
    const cannotResume = this.cannotResume(accountId, lock.ruleId, choice);
    if (cannotResume) {
      audit('unlock refused', `${cannotResume}; reason given: ${reason}`);
      return { outcome: 'refused', message: cannotResume };
    }
    this.prompting = true;
    let outcome;
    try {
      outcome = await elevator.elevate({ accountId, purpose: `unlock account ${accountId}` });
    } finally {
      this.prompting = false;
    }
    const now = clock.now();
    if (outcome.kind !== 'approved') {
      audit(`unlock ${outcome.kind}`, `${elevator.name}: ${outcome.message}; reason given: ${reason}`);
      journal.add('unlock', accountId, `${NOT_UNLOCKED[outcome.kind]}: the account stays locked`, outcome.message, 'bad');
      return { outcome: outcome.kind, message: outcome.message };
    }
    // The approval is for the lock the administrator was shown: one that replaced it while the prompt
    // was open (stronger, or a new lock after it ended) stays.
    const current = lockouts.current(accountId);
    if (current && current.id !== lock.id) {
      const replaced = `a ${this.lockWords(accountId, current)} (${current.reason}) replaced the ${this.lockWords(accountId, lock)} you asked about`;
      audit(
        'unlock not applied',
        `${elevator.name} proved elevation (${outcome.proof}); the lock changed while the prompt was open: ${replaced}; it stays; reason given: ${reason}`,
      );
      journal.add(
        'unlock',
        accountId,
        'Admin unlock approved, but the lock changed meanwhile: the account stays locked',
        sentence(replaced),
        'bad',
      );
      return {
        outcome: 'refused',
        message: `The administrator approved, but the lock changed while the prompt was open: ${replaced}. It stays; ask again to unlock it.`,
      };
    }
    if (!current) {
      audit('unlock approved', `${elevator.name} proved elevation (${outcome.proof}); the lock had already ended`);
      return { outcome: 'notLocked', message: `account ${accountId}'s lock ended while the prompt was open` };
    }
    const changed = this.cannotResume(accountId, current.ruleId, choice);
    if (changed) {
      audit('unlock refused', `the rule changed while the prompt was open: ${changed}; reason given: ${reason}`);
      return { outcome: 'refused', message: `The rule changed while the prompt was open: ${changed}. Nothing was unlocked.` };
    }
    const proof = `${elevator.name} proved elevation (${outcome.proof})`;
    const dayEnd = this.deps.dayEnd();
    const byTrader = nonRuleTitle(current.ruleId);
    let effect: string;
    if (byTrader) {
      // A self-lockout or the kill switch has no rule to resume or suspend: the unlock just lifts it.
      // The lock book still records a suspension under the lock's id until the reset, which no rule reads.
      const lifted = `the ${byTrader.toLowerCase()} is lifted; every rule stays on`;
      audit('unlock approved', `${proof}; ${lifted}; reason: ${reason}`);
      lockouts.adminUnlock(accountId, reason, now, dayEnd);
      effect = sentence(lifted);
    } else {
      const fresh = this.deps.freshLimit(accountId, current.ruleId);
      const resumed = choice === 'resume' && fresh?.resumed ? fresh : null;
      effect = resumed ? resumeEffect(resumed)! : suspendEffect(fresh?.rule.title ?? current.ruleId, dayEnd, this.deps.timeZone(), now);
      const chose = resumed ? 'resume with a fresh limit from now' : 'suspend until the reset';
      audit('unlock approved', `${proof}; choice: ${chose} — ${effect}; reason: ${reason}`);
      const grant = { mode: resumed ? 'resume' : 'suspend', baseline: resumed ? { ...resumed.baseline, at: now } : null } as const;
      lockouts.adminUnlock(accountId, reason, now, dayEnd, grant);
      this.deps.overrides.add({ accountId, ruleId: current.ruleId, grantedAt: now, until: dayEnd, reason, ...grant });
    }
    journal.add('unlock', accountId, 'Unlocked by an administrator', `${effect}. Reason: ${reason}`, 'good');
    this.deps.unlocked();
    return { outcome: 'approved', message: `Unlocked. ${effect}.` };
  }

  /** "lock until the reset by Daily realized loss": the lock's kind and its rule's title, in words. */
  private lockWords(accountId: number, lock: LockoutRecord): string {
    const title = lockHolderTitle(lock.ruleId, (ruleId) => this.deps.freshLimit(accountId, ruleId)?.rule.title);
    return `${KIND_WORDS[lock.kind]} by ${title}`;
  }

  /** Why `choice` cannot apply to this rule (resume asked for a rule that can only be suspended), or null. */
  private cannotResume(accountId: number, ruleId: string, choice: UnlockChoice): string | null {
    if (choice !== 'resume' || nonRuleTitle(ruleId)) return null;
    const fresh = this.deps.freshLimit(accountId, ruleId);
    if (fresh?.resumed) return null;
    return `${resumeUnavailable(fresh?.rule.title ?? ruleId)}; choose "suspend until the reset"`;
  }
}

const KIND_WORDS: Record<LockoutRecord['kind'], string> = {
  cooldown: 'cooldown',
  untilReset: 'lock until the reset',
  untilSessionStart: 'lock until the session starts',
  untilWeeklyReset: 'lock until the new trading week',
  untilTime: 'lock until a chosen time',
  untilAdmin: 'lock until an admin unlock',
};

/** What the timeline says when the prompt did not prove an administrator, by its outcome. */
const NOT_UNLOCKED: Record<Exclude<ElevationOutcome['kind'], 'approved'>, string> = {
  denied: 'Admin unlock denied',
  cancelled: 'Admin unlock cancelled',
  unavailable: 'Admin unlock not available',
  refused: 'Admin unlock refused',
};

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The overrides in force at `now`, for the rule engine: only those an administrator granted — each
 * with its "unlock approved" audit row, and none lasting past the trading day it was granted in.
 * Any other is left out and said why (records.ts has already dropped rows Risk Warden never wrote).
 */
export function loadOverrides(
  store: RiskStore,
  now: number,
  schedule: TradingDaySchedule,
): { overrides: RuleOverrides; refused: string[] } {
  const refused: string[] = [];
  const granted = store.overridesInForce(new Date(now).toISOString()).filter((record) => {
    const why = whyNotGranted(store, record, schedule);
    if (why) refused.push(`the ${record.ruleId} override of account ${record.accountId} granted ${record.grantedAt}: ${why}`);
    return why === null;
  });
  const overrides = new RuleOverrides(
    granted.map((record) => ({
      accountId: record.accountId,
      ruleId: record.ruleId,
      mode: record.mode,
      grantedAt: Date.parse(record.grantedAt),
      until: Date.parse(record.until),
      reason: record.reason,
      baseline: record.baseline,
    })),
  );
  return { overrides, refused };
}

function whyNotGranted(store: RiskStore, record: OverrideRecord, schedule: TradingDaySchedule): string | null {
  if (!store.approvedAround(record.accountId, record.grantedAt)) return 'no administrator approval was recorded with it';
  if (Date.parse(record.until) > tradingDayAt(Date.parse(record.grantedAt), schedule).end)
    return `it would last until ${record.until}, past the trading day it was granted in`;
  return null;
}
