import { z } from 'zod';

/** An administrator's unlock in force on this rule: suspended until the reset, or resumed from a baseline. */
export const RuleOverrideViewSchema = z.object({
  mode: z.enum(['suspended', 'resumed']),
  /** ISO instants, for machines; `text` is what a person reads. */
  grantedAt: z.string(),
  until: z.string(),
  reason: z.string(),
  /** Resumed: the rule's figure at the unlock, from which the fresh limit counts; null when suspended. */
  baseline: z.number().nullable(),
  /** "suspended until 17:00 CST (admin unlock at 10:42 CDT, reason: desk approved)". */
  text: z.string(),
});
export type RuleOverrideView = z.infer<typeof RuleOverrideViewSchema>;

export const RuleStatusSchema = z.object({
  ruleId: z.string(),
  /** The rule's key in risk-config.yaml: max_contracts, daily_realized_loss… */
  name: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  /** Current measured value (contracts, dollars…) and the configured limit, in the rule's unit. */
  value: z.number(),
  limit: z.number(),
  unit: z.enum(['contracts', 'usd', 'trades', 'seconds', 'minutes', 'count']),
  /** 0..1+ share of the limit used; ≥ 0.8 is shown as a warning. */
  usage: z.number(),
  breached: z.boolean(),
  /**
   * What the dashboard shows, decided in main: off, ok, warning (a step of the warning ladder reached), breached,
   * locked (this rule caused the account's lock), or suspended by an admin unlock.
   */
  state: z.enum(['off', 'ok', 'warning', 'breached', 'locked', 'suspended']),
  /** False for yes/no rules (session hours, blocked symbols…): no bar, no "of limit". */
  gauge: z.boolean(),
  /** This rule's warning ladder as shares of its limit, lowest first ([0.5, 0.7, 0.85] unless configured); [] when off. */
  steps: z.array(z.number()),
  /** The highest step of `steps` reached, null below the first. */
  step: z.number().nullable(),
  /** The rule in words with its figures: "Closes any position that takes you past 5 contracts (net)". */
  description: z.string(),
  /** An action this rule will take on its own soon, unless the trader acts: "MNQ closed unless a stop is placed". */
  imminent: z.object({ at: z.string(), text: z.string() }).nullable(),
  /** One line a trader reads at a glance: "2 of limit 5", "MNQ 4 s without a stop (grace 10 s)". */
  summary: z.string(),
  lastBreachAt: z.string().nullable(),
  override: RuleOverrideViewSchema.nullable(),
});
export type RuleStatus = z.infer<typeof RuleStatusSchema>;

/** The warning ladder unless a rule's `warnings:` says otherwise: shares of a limit at which its card (and the tray) warns, each step louder. */
export const WARNING_STEPS = [0.5, 0.7, 0.85] as const;

/** A rule's `warnings:` from risk-config.yaml (percentages of its limit, or off) as its ladder of shares. */
export function warningLadder(warnings: readonly number[] | 'off' | undefined): number[] {
  if (warnings === undefined) return [...WARNING_STEPS];
  if (warnings === 'off') return [];
  return warnings.map((percent) => percent / 100);
}

/** The highest step of `steps` that `usage` has reached, null below the first. */
export function warningStep(usage: number, steps: readonly number[] = WARNING_STEPS): number | null {
  return steps.findLast((step) => usage >= step) ?? null;
}

/** A step as a trader reads it: 0.7 → 70, 0.625 → 62.5. */
export function stepPercent(step: number): number {
  return Math.round(step * 1000) / 10;
}

export function ruleState(
  enabled: boolean,
  breached: boolean,
  usage: number,
  flags: { suspended?: boolean; locked?: boolean; steps?: readonly number[] } = {},
): RuleStatus['state'] {
  if (!enabled) return 'off';
  if (flags.suspended) return 'suspended';
  if (flags.locked) return 'locked';
  if (breached) return 'breached';
  return warningStep(usage, flags.steps) === null ? 'ok' : 'warning';
}

/**
 * How far below a step a rule's usage must fall before that step warns again (a share of the
 * limit): a figure hovering around 70 % warns once, not at every tick across it. The daily reset
 * re-arms what it sets back to zero (the day's P&L, its trade count) by the same rule.
 */
export const STEP_REARM_MARGIN = 0.05;

/** A rule of an account whose usage climbed past a step of its ladder. */
export interface StepCrossing {
  accountId: number;
  accountName: string;
  rule: RuleStatus;
  /** The highest step crossed, when one change climbed past several. */
  step: number;
}

/**
 * Which steps of each rule's ladder each account has reached, from one snapshot to the next: each
 * step is told once when usage climbs past it (one notification per step). What a rule has reached
 * the first time it is seen (when the app or the page opened, or under a new ladder) is noted, not told;
 * a breached, locked or suspended rule is told by its breach or lock, so its steps are noted only.
 */
export class StepTracker {
  private readonly seen = new Map<string, { ladder: string; reached: ReadonlySet<number> }>();

  crossings(accounts: readonly { id: number; name: string; rules: readonly RuleStatus[] }[]): StepCrossing[] {
    const crossed: StepCrossing[] = [];
    for (const account of accounts) {
      for (const rule of account.rules) {
        const key = `${account.id} ${rule.ruleId}`;
        const steps = rule.enabled ? rule.steps : [];
        const ladder = steps.join(' ');
        const before = this.seen.get(key);
        const known = before?.ladder === ladder ? before.reached : null;
        const reached = new Set(
          steps.filter((step) => rule.usage >= step || (known?.has(step) === true && rule.usage >= step - STEP_REARM_MARGIN)),
        );
        this.seen.set(key, { ladder, reached });
        const fresh = known === null ? [] : [...reached].filter((step) => !known.has(step));
        if (fresh.length > 0 && rule.state === 'warning')
          crossed.push({ accountId: account.id, accountName: account.name, rule, step: Math.max(...fresh) });
      }
    }
    return crossed;
  }
}

/** A step crossed in words: "Daily realized loss at 70 %" and "-$350.00 of -$500.00 on PRAC-1". */
export function stepNotice(crossing: StepCrossing): { title: string; body: string } {
  const { rule, accountName } = crossing;
  return { title: `${rule.title} at ${stepPercent(crossing.step)} %`, body: `${rule.summary} on ${accountName}` };
}
