import { describe, expect, it } from 'vitest';
import { NotificationFeed } from '../../../src/main/desktop/notifications';
import { trayState } from '../../../src/main/desktop/tray-state';
import { stepAlertText } from '../../../src/renderer/src/alerts/alert-feed';
import { signedMoney, money } from '../../../src/shared/money';
import { ruleState, StepTracker, stepNotice, WARNING_STEPS, warningStep, type RuleStatus } from '../../../src/shared/rules';
import { accountView, snapshotOf } from '../../helpers/snapshot';

/** The daily loss rule's card at `usage` of −$500, its state decided by its own ladder as main decides it. */
function loss(usage: number, steps: readonly number[] = WARNING_STEPS, more: { enabled?: boolean; breached?: boolean } = {}): RuleStatus {
  const enabled = more.enabled ?? true;
  const breached = more.breached ?? false;
  const value = -500 * usage;
  return {
    ruleId: 'RULE-003',
    name: 'daily_realized_loss',
    title: 'Daily realized loss',
    enabled,
    value,
    limit: -500,
    unit: 'usd',
    usage,
    breached,
    state: ruleState(enabled, breached, usage, { steps }),
    gauge: true,
    steps: [...steps],
    step: enabled ? warningStep(usage, steps) : null,
    description: 'Flattens and locks at a $500.00 daily loss',
    imminent: null,
    summary: `${signedMoney(value)} of ${money(-500)}`,
    lastBreachAt: null,
    override: null,
  };
}

const account = (rules: RuleStatus[], id = 7001, name = 'PRAC-1') => ({ id, name, rules });

/** The steps told (in %) as the usage goes through `path`, the first figure being what the app opened with. */
function told(path: readonly number[], steps: readonly number[] = WARNING_STEPS): number[] {
  const tracker = new StepTracker();
  return path.flatMap((usage) => tracker.crossings([account([loss(usage, steps)])]).map((c) => Math.round(c.step * 100)));
}

describe('one notification per step of the warning ladder', () => {
  it('tells each step once as the loss climbs 50, 70, 85 %', () => {
    expect(told([0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.95])).toEqual([50, 70, 85]);
  });

  it('tells nothing below a step: 49.9 % is not 50 %', () => {
    expect(told([0, 0.499, 0.4999])).toEqual([]);
    expect(told([0, 0.499, 0.5])).toEqual([50]);
  });

  it('tells a step once while the figure hovers around it, and again only after it fell 5 points below', () => {
    expect(told([0, 0.55, 0.71, 0.69, 0.72, 0.68, 0.7, 0.651, 0.7])).toEqual([50, 70]);
    expect(told([0, 0.55, 0.71, 0.649, 0.7])).toEqual([50, 70, 70]);
  });

  it('tells only the highest step when one change climbs past several', () => {
    expect(told([0.1, 0.9])).toEqual([85]);
    expect(told([0.1, 0.9, 0.81, 0.86])).toEqual([85]);
  });

  it('tells nothing for what was reached when the app or the page opened', () => {
    expect(told([0.9, 0.95, 0.86])).toEqual([]);
    expect(told([0.72, 0.8, 0.85])).toEqual([85]);
  });

  it('follows a rule’s own ladder [60, 90]', () => {
    expect(told([0, 0.5, 0.59, 0.6, 0.85, 0.899, 0.9], [0.6, 0.9])).toEqual([60, 90]);
  });

  it('tells nothing with warnings off, or for a rule turned off', () => {
    expect(told([0, 0.5, 0.9], [])).toEqual([]);
    const tracker = new StepTracker();
    for (const usage of [0, 0.6, 0.9]) expect(tracker.crossings([account([loss(usage, WARNING_STEPS, { enabled: false })])])).toEqual([]);
  });

  it('starts again after the daily reset sets the day back to zero', () => {
    expect(told([0, 0.55, 0.75, 0, 0.55, 0.75])).toEqual([50, 70, 50, 70]);
  });

  it('notes, without telling, the steps of a rule that is breached (its breach is told) and of a ladder just changed', () => {
    const tracker = new StepTracker();
    const at = (usage: number, steps: readonly number[] = WARNING_STEPS, breached = false) =>
      tracker.crossings([account([loss(usage, steps, { breached })])]).map((c) => c.step);
    expect(at(0)).toEqual([]);
    expect(at(0.9, WARNING_STEPS, true)).toEqual([]);
    expect(at(0.88)).toEqual([]);
    // A new ladder on hot reload: what it has reached already is noted, the steps above are told.
    expect(at(0.88, [0.6, 0.8, 0.95])).toEqual([]);
    expect(at(0.96, [0.6, 0.8, 0.95])).toEqual([0.95]);
  });

  it('keeps each account apart', () => {
    const tracker = new StepTracker();
    tracker.crossings([account([loss(0)], 1, 'PRAC-1'), account([loss(0)], 2, 'PRAC-2')]);
    const crossed = tracker.crossings([account([loss(0.7)], 1, 'PRAC-1'), account([loss(0.2)], 2, 'PRAC-2')]);
    expect(crossed.map((c) => [c.accountName, c.step])).toEqual([['PRAC-1', 0.7]]);
  });

  it('names the rule, the step, the figure against the limit and the account', () => {
    const tracker = new StepTracker();
    tracker.crossings([account([loss(0)])]);
    const [crossing] = tracker.crossings([account([loss(0.7)])]);
    expect(stepNotice(crossing!)).toEqual({ title: 'Daily realized loss at 70 %', body: '-$350.00 of -$500.00 on PRAC-1' });
    expect(stepAlertText(crossing!)).toEqual({
      title: 'Daily realized loss at 70 %',
      body: '-$350.00 of -$500.00 on PRAC-1',
      tag: 'risk-warden-step-7001-RULE-003-70',
    });
  });
});

describe('desktop notifications of steps', () => {
  it('notify each step climbed once, with the breaches and locks of the timeline, and nothing from the first snapshot', () => {
    const feed = new NotificationFeed();
    const at = (usage: number, steps: readonly number[] = [0.6, 0.9]) =>
      feed.fresh(snapshotOf([accountView({ name: 'PRAC-1', rules: [loss(usage, steps)] })]));
    expect(at(0.65)).toEqual([]);
    expect(at(0.7)).toEqual([]);
    expect(at(0.91)).toEqual([{ title: 'Daily realized loss at 90 %', detail: '-$455.00 of -$500.00 on PRAC-1' }]);
    expect(at(0.88)).toEqual([]);
    expect(at(0.92)).toEqual([]);
  });
});

describe('the tray', () => {
  it.each([
    [0.55, [0.6, 0.9], 'ok'],
    [0.6, [0.6, 0.9], 'warning'],
    [0.5, WARNING_STEPS, 'warning'],
    [0.95, [], 'ok'],
  ] as const)('at %s of the limit with the ladder %j shows %s', (usage, steps, icon) => {
    expect(trayState(snapshotOf([accountView({ rules: [loss(usage, steps)] })])).icon).toBe(icon);
  });
});
