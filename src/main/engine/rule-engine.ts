import type { Breach, Measure, Rule, RuleContext } from './rule';

export interface RuleMeasure extends Measure {
  rule: Rule;
}

/** Runs the enabled rules over one context. Rules are pure, so this is too. */
export class RuleEngine {
  constructor(readonly rules: readonly Rule[]) {}

  evaluate(context: RuleContext): Breach[] {
    const breaches: Breach[] = [];
    for (const rule of this.rules) {
      if (rule.enabled) breaches.push(...rule.evaluate(context));
    }
    return breaches;
  }

  measure(context: RuleContext): RuleMeasure[] {
    return this.rules.map((rule) => ({ rule, ...rule.measure(context) }));
  }
}
