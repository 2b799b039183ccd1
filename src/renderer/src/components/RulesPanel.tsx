import { WARNING_STEPS, type RuleStatus } from '../../../shared/rules';
import { secondsLeft, wallClock } from '../format';
import { serviceNow, useServiceNow } from '../service-clock';
import { byUrgency, stateLabel } from './rule-order';
import './RulesPanel.css';

type Tone = 'ok' | 'warn' | 'bad' | 'muted';

const TONE: Record<RuleStatus['state'], Tone> = {
  off: 'muted',
  ok: 'ok',
  warning: 'warn',
  breached: 'bad',
  locked: 'bad',
  suspended: 'warn',
};

function Imminent({ imminent }: { imminent: NonNullable<RuleStatus['imminent']> }) {
  const now = useServiceNow(500);
  return (
    <p className="rw-rule-imminent" data-testid="rule-imminent">
      <strong>In {secondsLeft(imminent.at, now)}:</strong> {imminent.text}
    </p>
  );
}

function Gauge({ rule, tone }: { rule: RuleStatus; tone: Tone }) {
  const percent = Math.round(rule.usage * 100);
  const steps = WARNING_STEPS.map((s) => Math.round(s * 100));
  return (
    <div
      className="rw-gauge"
      role="progressbar"
      aria-valuenow={Math.min(100, percent)}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-label={rule.title}
      aria-valuetext={`${percent} % of limit; warns at ${steps.join(', ')} %`}
    >
      <div className={`rw-gauge-fill rw-tone-${tone}`} style={{ width: `${Math.min(100, percent)}%` }} />
      {steps.map((step) => (
        <span key={step} className="rw-gauge-tick" style={{ left: `${step}%` }} aria-hidden="true" />
      ))}
    </div>
  );
}

/** Each rule as a card in the order a trader must read them, the state in words, the ladder on its bar. */
export function RulesPanel({ rules, timeZone }: { rules: RuleStatus[]; timeZone: string }) {
  return (
    <section className="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <ul className="rw-rules">
        {byUrgency(rules).map((rule) => {
          const tone = TONE[rule.state];
          return (
            <li
              key={rule.ruleId}
              className={`rw-rule rw-rule-${tone}`}
              data-testid={`rule-${rule.ruleId}`}
              data-state={rule.state}
              aria-label={`${rule.title}: ${stateLabel(rule)}`}
            >
              {rule.imminent && <Imminent imminent={rule.imminent} />}
              <div className="rw-rule-head">
                <span className="rw-rule-title">{rule.title}</span>
                <span className="rw-tag" title="Rule id">
                  {rule.ruleId}
                </span>
                <span className={`rw-pill rw-pill-${tone}`} data-testid="rule-state">
                  {stateLabel(rule)}
                </span>
              </div>
              <div className="rw-rule-summary" data-testid="rule-summary">
                {rule.summary}
              </div>
              {rule.override && (
                <div className="rw-rule-override" data-testid="rule-override" data-mode={rule.override.mode}>
                  {rule.override.text}
                </div>
              )}
              {rule.enabled && rule.gauge && <Gauge rule={rule} tone={tone} />}
              <div className="rw-rule-description">{rule.description}</div>
              {rule.lastBreachAt && rule.state !== 'off' && (
                <div className="rw-rule-last" data-testid="rule-last-breach">
                  Last breach {wallClock(rule.lastBreachAt, timeZone, serviceNow())}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
