import { stepPercent, type RuleStatus } from '../../../shared/rules';
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

/**
 * Which step of its own ladder a rule in warning has reached, 1 for the lowest; 0 when it is not in
 * warning. The card gets louder with each: amber text, then amber filled, then red-amber (3 and up).
 */
function stepLevel(rule: RuleStatus): number {
  if (rule.state !== 'warning' || rule.step === null) return 0;
  return rule.steps.indexOf(rule.step) + 1;
}

/** "warns at 60, 90 %; step 1 of 2 reached", "no warnings set". */
function ladderText(rule: RuleStatus, steps: readonly number[]): string {
  if (steps.length === 0) return 'no warnings set';
  const level = stepLevel(rule);
  const reached = level > 0 ? `; step ${level} of ${steps.length} reached` : '';
  return `warns at ${steps.join(', ')} %${reached}`;
}

function Gauge({ rule, tone }: { rule: RuleStatus; tone: Tone }) {
  const percent = Math.round(rule.usage * 100);
  const steps = rule.steps.map(stepPercent);
  return (
    <div
      className="rw-gauge"
      role="progressbar"
      aria-valuenow={Math.min(100, percent)}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-label={rule.title}
      aria-valuetext={`${percent} % of limit; ${ladderText(rule, steps)}`}
    >
      <div className={`rw-gauge-fill rw-tone-${tone}`} style={{ width: `${Math.min(100, percent)}%` }} />
      {steps.map((step) => (
        <span
          key={step}
          className={`rw-gauge-tick${percent >= step ? ' rw-gauge-tick-reached' : ''}`}
          style={{ left: `${step}%` }}
          data-testid="gauge-step"
          data-step={step}
          aria-hidden="true"
        />
      ))}
    </div>
  );
}

/** Each rule as a card in the order a trader must read them, the state in words, its own ladder on its bar, louder at each step. */
export function RulesPanel({ rules, timeZone }: { rules: RuleStatus[]; timeZone: string }) {
  return (
    <section className="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <ul className="rw-rules">
        {byUrgency(rules).map((rule) => {
          const tone = TONE[rule.state];
          const level = stepLevel(rule);
          return (
            <li
              key={rule.ruleId}
              className={`rw-rule rw-rule-${tone}${level > 0 ? ` rw-step-${Math.min(level, 3)}` : ''}`}
              data-testid={`rule-${rule.ruleId}`}
              data-state={rule.state}
              data-step={level > 0 ? level : undefined}
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
