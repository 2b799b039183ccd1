import { roundCents } from '../../shared/domain';
import { money, signedMoney } from '../../shared/money';
import type { Baseline, Breach, Measure, Rule, RuleContext } from './rule';
import { baselineOf, canResume, NO_OVERRIDES, sinceUnlock, type OverrideLookup, type RuleOverride } from './rule-overrides';

export interface RuleMeasure extends Measure {
  rule: Rule;
  /** An administrator's unlock in force on this rule of this account. */
  override: RuleOverride | null;
}

/** What resuming a rule now would do: its figure now and its measure against the fresh limit. */
export interface FreshLimit {
  rule: Rule;
  baseline: Baseline;
  /** Null when the rule cannot resume (its figure is not additive): it can only be suspended. */
  resumed: Measure | null;
}

/**
 * Runs the enabled rules over one context. Rules are pure, so this is too. An administrator's
 * unlock in force on a rule (rule-overrides.ts) either skips it (suspended) or judges it on the
 * account since the unlock (resumed). A resumed rule in dollars is shown on the day's scale — its
 * figure as today's P&L, its limit moved by the figure at the unlock (−500 from −520 is −1,020) —
 * since money adds up exactly; a count is shown as counted since the unlock, since its windows roll.
 */
export class RuleEngine {
  /** Each resumed rule's view of its account, made once per override. */
  private readonly views = new WeakMap<RuleOverride, WeakMap<object, RuleContext['account']>>();

  constructor(
    readonly rules: readonly Rule[],
    private readonly overrides: OverrideLookup = NO_OVERRIDES,
  ) {}

  evaluate(context: RuleContext): Breach[] {
    const breaches: Breach[] = [];
    for (const rule of this.rules) {
      if (!rule.enabled) continue;
      const override = this.overrides.find(context.account.id, rule.id, context.now);
      if (!override) breaches.push(...rule.evaluate(context));
      else if (isResumed(override)) {
        const baseline = override.baseline;
        for (const breach of rule.evaluate(this.rebased(context, override))) breaches.push(resumedBreach(rule, breach, baseline));
      }
    }
    return breaches;
  }

  measure(context: RuleContext): RuleMeasure[] {
    return this.rules.map((rule) => {
      const override = this.overrides.find(context.account.id, rule.id, context.now);
      if (!isResumed(override)) return { rule, override, ...rule.measure(context) };
      return { rule, override, ...resumedMeasure(rule, rule.measure(this.rebased(context, override)), override.baseline) };
    });
  }

  /** What "resume with a fresh limit from now" would do to this rule; null when no such rule is armed. */
  freshLimit(context: RuleContext, ruleId: string): FreshLimit | null {
    const rule = this.rules.find((r) => r.id === ruleId);
    if (!rule) return null;
    const baseline = baselineOf(context.account, rule.measure(context).value, context.now);
    if (!canResume(rule.id)) return { rule, baseline, resumed: null };
    const view = { ...context, account: sinceUnlock(context.account, baseline) };
    return { rule, baseline, resumed: resumedMeasure(rule, rule.measure(view), baseline) };
  }

  private rebased(context: RuleContext, override: ResumedOverride): RuleContext {
    let byAccount = this.views.get(override);
    if (!byAccount) this.views.set(override, (byAccount = new WeakMap()));
    let account = byAccount.get(context.account);
    if (!account) byAccount.set(context.account, (account = sinceUnlock(context.account, override.baseline)));
    return { ...context, account };
  }
}

type ResumedOverride = RuleOverride & { baseline: Baseline };

/** A resume whose rule can count from its baseline; any other override (or a resume the config no longer allows) suspends. */
function isResumed(override: RuleOverride | null): override is ResumedOverride {
  return override?.mode === 'resume' && override.baseline !== null && canResume(override.ruleId);
}

function resumedMeasure(rule: Rule, sinceUnlock: Measure, baseline: Baseline): Measure {
  if (rule.unit !== 'usd') {
    return {
      ...sinceUnlock,
      summary: `${sinceUnlock.summary ?? `${sinceUnlock.value} of ${sinceUnlock.limit} ${rule.unit}`} since the admin unlock`,
    };
  }
  // A dollar rule's summary is made from its figures, which are now the day's.
  return { value: onDayScale(sinceUnlock.value, baseline), limit: onDayScale(sinceUnlock.limit, baseline), usage: sinceUnlock.usage };
}

/** A dollar figure counted from the unlock, as the day's: −500 since an unlock at −520 is −1,020. */
function onDayScale(sinceUnlock: number, baseline: Baseline): number {
  return roundCents(sinceUnlock + baseline.value);
}

function resumedBreach(rule: Rule, breach: Breach, baseline: Baseline): Breach {
  if (rule.unit !== 'usd') return { ...breach, message: `${breach.message}, counting from the admin unlock` };
  const value = onDayScale(breach.value, baseline);
  const limit = onDayScale(breach.limit, baseline);
  return {
    ...breach,
    value,
    limit,
    message: `P&L ${signedMoney(value)} reached the fresh limit ${money(limit)} set by the admin unlock (${money(breach.limit)} from ${money(baseline.value)})`,
  };
}
