import type { RuleStatus } from '../../../shared/rules';
import { WARNING_USAGE } from '../../../shared/rules';
import { money } from '../format';

function show(rule: RuleStatus, value: number): string {
  return rule.unit === 'usd' ? money(value) : String(value);
}

function state(rule: RuleStatus): { label: string; tone: string } {
  if (!rule.enabled) return { label: 'Off', tone: 'muted' };
  if (rule.breached) return { label: 'Breached', tone: 'bad' };
  if (rule.usage >= WARNING_USAGE) return { label: 'Warning', tone: 'warn' };
  return { label: 'OK', tone: 'ok' };
}

export function RulesPanel({ rules }: { rules: RuleStatus[] }) {
  return (
    <section className="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <ul className="rules">
        {rules.map((rule) => {
          const { label, tone } = state(rule);
          const percent = Math.min(100, Math.round(rule.usage * 100));
          return (
            <li key={rule.ruleId} className={`rule rule-${tone}`} data-testid={`rule-${rule.ruleId}`} data-state={label.toLowerCase()}>
              <div className="rule-head">
                <span className="rule-title">{rule.title}</span>
                <span className="rule-id">{rule.ruleId}</span>
                <span className={`pill pill-${tone}`}>{label}</span>
              </div>
              <div className="rule-figures">
                <span data-testid="rule-value">{show(rule, rule.value)}</span>
                <span className="muted"> of limit {show(rule, rule.limit)}</span>
              </div>
              <div className="bar" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={`${rule.title}: ${percent}% of limit`}>
                <div className={`bar-fill bar-${tone}`} style={{ width: `${percent}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
