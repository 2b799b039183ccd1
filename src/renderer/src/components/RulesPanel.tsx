import type { RuleStatus } from '../../../shared/rules';

const LOOK: Record<RuleStatus['state'], { label: string; tone: string }> = {
  off: { label: 'Off', tone: 'muted' },
  ok: { label: 'OK', tone: 'ok' },
  warning: { label: 'Warning', tone: 'warn' },
  breached: { label: 'Breached', tone: 'bad' },
  suspended: { label: 'Suspended', tone: 'warn' },
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
              <div className="rule-figures" data-testid="rule-summary">
                {rule.summary}
              </div>
              {rule.override && (
                <div className="rule-override" data-testid="rule-override" data-mode={rule.override.mode}>
                  {rule.override.text}
                </div>
              )}
              <div
                className="bar"
                role="progressbar"
                aria-valuenow={percent}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-label={`${rule.title}: ${percent}% of limit`}
              >
                <div className={`bar-fill bar-${tone}`} style={{ width: `${percent}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
