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
  /** The highest step of WARNING_STEPS reached (0.5, 0.7, 0.85), null below the first. */
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

/** The warning ladder: shares of a limit at which a rule's card (and the tray) warns, each step louder. */
export const WARNING_STEPS = [0.5, 0.7, 0.85] as const;

export function warningStep(usage: number): number | null {
  return WARNING_STEPS.findLast((step) => usage >= step) ?? null;
}

export function ruleState(
  enabled: boolean,
  breached: boolean,
  usage: number,
  flags: { suspended?: boolean; locked?: boolean } = {},
): RuleStatus['state'] {
  if (!enabled) return 'off';
  if (flags.suspended) return 'suspended';
  if (flags.locked) return 'locked';
  if (breached) return 'breached';
  return warningStep(usage) === null ? 'ok' : 'warning';
}
