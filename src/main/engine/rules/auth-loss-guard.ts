/**
 * RULE-010 auth_loss_guard: the broker says no. While the account cannot trade or the session is
 * logged out, Risk Warden alerts and makes no gateway call for the account; the broker's own
 * canTrade is the lock, and it ends when the broker says so.
 */
import { z } from 'zod';
import { breachOf, usageOf, type Breach, type Rule, type RuleContext } from '../rule';
import { defineRule } from './definition';

export const authLossGuardConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
});
export type AuthLossGuardConfig = z.infer<typeof authLossGuardConfigSchema>;

export const authLossGuard = defineRule({
  key: 'auth_loss_guard',
  id: 'RULE-010',
  schema: authLossGuardConfigSchema,
  build: authLossGuardRule,
});

function reason(context: RuleContext): string | null {
  if (context.loggedOut) return 'the gateway session is logged out';
  if (!context.account.account.canTrade) return 'the broker does not allow this account to trade';
  return null;
}

export function authLossGuardRule(config: AuthLossGuardConfig): Rule {
  return {
    id: authLossGuard.id,
    name: authLossGuard.key,
    title: 'Broker access',
    unit: 'count',
    enabled: config.enabled,
    gauge: false,
    description:
      'Alerts and sends no order for the account while the broker does not allow it to trade or the gateway session is logged out',
    measure(context) {
      const why = reason(context);
      const value = why === null ? 0 : 1;
      return {
        value,
        limit: 0,
        usage: usageOf(value, 0),
        summary: why === null ? 'the broker allows trading' : `trading disabled: ${why}`,
      };
    },
    evaluate(context): Breach[] {
      const why = reason(context);
      if (why === null) return [];
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'suspend' },
          message: `trading disabled: ${why}`,
          value: 1,
          limit: 0,
        }),
      ];
    },
  };
}
