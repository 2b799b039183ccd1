import type { RuleStatus } from '../../../shared/rules';

/** What a rule's card says in its pill: the state in words, the warning ladder's step with it. */
export function stateLabel(rule: RuleStatus): string {
  switch (rule.state) {
    case 'off':
      return 'Off';
    case 'ok':
      return 'OK';
    case 'breached':
      return 'Breached';
    case 'locked':
      return 'Locked';
    case 'suspended':
      return 'Suspended';
    case 'warning':
      return rule.gauge && rule.step !== null ? `Warning — past ${Math.round(rule.step * 100)} % of limit` : 'Warning';
  }
}

/** Most urgent first: what locked or broke, what is about to act, the warning ladder from its top, then calm and off. */
function rank(rule: RuleStatus): number {
  if (rule.state === 'locked') return 0;
  if (rule.state === 'breached') return 1;
  if (rule.imminent) return 2;
  if (rule.state === 'warning') return 3 - (rule.step ?? 0);
  if (rule.state === 'suspended') return 4;
  if (rule.state === 'ok') return 5;
  return 6;
}

export function byUrgency(rules: readonly RuleStatus[]): RuleStatus[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => rank(a.rule) - rank(b.rule) || a.index - b.index)
    .map(({ rule }) => rule);
}
