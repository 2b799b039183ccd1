/**
 * Turns one evaluation's breaches into enforcement: new breaches are recorded (every one, even
 * when a stronger one wins), the plan's lock is written before any call goes out, and while an
 * account is locked every position is closed and every working order cancelled ("rejected while
 * locked"). Enforcement never decides policy; the rules and the planner did. Nor does it wait for
 * the store: the decision is made in memory and recorded in one transaction; when the store
 * refuses, the calls go out all the same and the records wait (see Recorder).
 */
import type { Breach, Rule } from '../engine/rule';
import type { Executor, Recorder } from './executor';
import type { Journal } from './journal';
import { nonRuleTitle } from './lock-sources';
import { lockedTitle } from './lock-words';
import type { Lockouts } from './lockouts';
import { flattenActions, plan, titleFromName, type AccountExposure, type TitleOf } from './planner';
import { LOCKOUT_FLATTEN, REJECTED_WHILE_LOCKED, RULE_BREACH } from './why-text';

export { LOCKOUT_FLATTEN, REJECTED_WHILE_LOCKED, RULE_BREACH };

/** The armed rules whose titles the timeline names ("Max contracts"), looked up by id. */
export type RuleTitles = readonly Pick<Rule, 'id' | 'title'>[];

export class Enforcer {
  /** Rule ids breached at the last evaluation, per account: a breach is recorded when it starts. */
  private readonly breached = new Map<number, Set<string>>();
  private readonly lastBreachAt = new Map<string, string>();

  constructor(
    private readonly recorder: Recorder,
    private readonly lockouts: Lockouts,
    private readonly executor: Executor,
    private readonly journal: Journal,
  ) {}

  /** `rules`: the armed rules the breaches came from, for their titles in the timeline. */
  handle(account: AccountExposure, breaches: readonly Breach[], now: number, rules: RuleTitles = []): void {
    // The hot path (a quote with nothing wrong) touches neither the store nor the clock's formatter.
    if (breaches.length === 0 && !this.lockouts.current(account.id)) {
      this.breached.get(account.id)?.clear();
      return;
    }
    const at = new Date(now).toISOString();
    const titleOf: TitleOf = (breach) => rules.find((r) => r.id === breach.ruleId)?.title ?? titleFromName(breach);
    this.recorder.batch(() => {
      this.recordNewBreaches(account.id, breaches, at, titleOf);
      // A rule an administrator suspended is not judged at all (the engine skips it), so every breach here acts.
      const decided = plan(account, breaches, titleOf);
      if (decided?.suspended) return;
      if (decided?.lock) {
        const { lock, created } = this.lockouts.lock(account.id, decided.lock.request, decided.lock.ruleId, decided.lock.reason, now);
        if (created) {
          const timeZone = this.lockouts.calendar().schedule.timezone;
          this.journal.add('lockout', account.id, lockedTitle(lock.until, decided.lock.ruleTitle, timeZone, now), lock.reason);
          for (const action of decided.actions) this.executor.submit(action, LOCKOUT_FLATTEN);
          return;
        }
      }
      const lock = this.lockouts.current(account.id);
      if (lock) {
        const title = rules.find((r) => r.id === lock.ruleId)?.title ?? nonRuleTitle(lock.ruleId) ?? undefined;
        for (const action of flattenActions(account, lock.ruleId, lock.reason, title)) this.executor.submit(action, REJECTED_WHILE_LOCKED);
        return;
      }
      for (const action of decided?.actions ?? []) this.executor.submit(action, RULE_BREACH);
    });
  }

  lastBreach(accountId: number, ruleId: string): string | null {
    return this.lastBreachAt.get(`${accountId}:${ruleId}`) ?? null;
  }

  isBreached(accountId: number, ruleId: string): boolean {
    return this.breached.get(accountId)?.has(ruleId) ?? false;
  }

  private recordNewBreaches(accountId: number, breaches: readonly Breach[], at: string, titleOf: TitleOf): void {
    const before = this.breached.get(accountId) ?? new Set<string>();
    const now = new Set<string>();
    for (const breach of breaches) {
      // One rule may give several breaches at once (close the position and cancel the order that added): one violation.
      const seen = before.has(breach.ruleId) || now.has(breach.ruleId);
      now.add(breach.ruleId);
      if (seen || breach.category === 'automation') continue;
      this.recorder.write(`the ${breach.ruleId} violation of account ${accountId}`, (store) => store.recordViolation(at, breach));
      this.lastBreachAt.set(`${accountId}:${breach.ruleId}`, at);
      this.journal.add('breach', accountId, `${titleOf(breach)} broken`, breach.message);
    }
    this.breached.set(accountId, now);
  }
}
