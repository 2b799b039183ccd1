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
  /** What the dashboard shows, decided in main: off, ok, warning (≥ 80% of the limit), breached, or suspended by an admin unlock. */
  state: z.enum(['off', 'ok', 'warning', 'breached', 'suspended']),
  /** One line a trader reads at a glance: "2 of limit 5", "MNQ 4 s without a stop (grace 10 s)". */
  summary: z.string(),
  lastBreachAt: z.string().nullable(),
  override: RuleOverrideViewSchema.nullable(),
});
export type RuleStatus = z.infer<typeof RuleStatusSchema>;

export const WARNING_USAGE = 0.8;

export function ruleState(enabled: boolean, breached: boolean, usage: number, suspended = false): RuleStatus['state'] {
  if (!enabled) return 'off';
  if (suspended) return 'suspended';
  if (breached) return 'breached';
  return usage >= WARNING_USAGE ? 'warning' : 'ok';
}
