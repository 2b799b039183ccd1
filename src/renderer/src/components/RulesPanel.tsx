import type { RuleStatus } from '../../../shared/rules';
import { money } from '../format';

function show(rule: RuleStatus, value: number): string {
  return rule.unit === 'usd' ? money(value) : String(value);
}

const LOOK: Record<RuleStatus['state'], { label: string; tone: string }> = {
  off: { label: 'Off', tone: 'muted' },
  ok: { label: 'OK', tone: 'ok' },
  warning: { label: 'Warning', tone: 'warn' },
  breached: { label: 'Breached', tone: 'bad' },
};

export function RulesPanel({ rules }: { rules: RuleStatus[] }) {
  return (
    <section className="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <ul className="rules">
        {rules.map((rule) => {
          const { label, tone } = LOOK[rule.state];
          const percent = Math.min(100, Math.round(rule.usage * 100));
          return (
            <li key={rule.ruleId} className={`rule rule-${tone}`} data-testid={`rule-${rule.ruleId}`} data-state={rule.state}>
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
