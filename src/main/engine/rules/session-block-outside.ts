/** RULE-009 session_block_outside: trade only in your session; outside it, flatten and lock until the next session starts. */
import { z } from 'zod';
import { CME_HOLIDAYS_2026_2027 } from '../../schedule/cme-holidays';
import { sessionClock } from '../../schedule/session';
import { wallClock } from '../../../shared/time-format';
import { breachOf, usageOf, type Breach, type Rule } from '../rule';
import type { SessionClock } from '../../schedule/session-clock';
import { defineRule } from './definition';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM such as 08:30');

export const sessionBlockOutsideConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  start: clockTime,
  end: clockTime,
  days: z
    .array(z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']))
    .min(1, 'needs at least one day')
    .default(['mon', 'tue', 'wed', 'thu', 'fri']),
  /** Dates without a session; absent = the CME holiday list shipped with Risk Warden. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')).optional(),
  close_positions_at_end: z.boolean().default(true),
});
export type SessionBlockOutsideConfig = z.infer<typeof sessionBlockOutsideConfigSchema>;

export const sessionBlockOutside = defineRule({
  key: 'session_block_outside',
  id: 'RULE-009',
  schema: sessionBlockOutsideConfigSchema,
  strictness: { onIsStricter: ['close_positions_at_end'] },
  build(config, context) {
    const session = sessionClock({
      timezone: context.timezone,
      start: config.start,
      end: config.end,
      days: config.days,
      holidays: config.holidays ?? CME_HOLIDAYS_2026_2027,
    });
    context.useSession(session);
    return sessionBlockOutsideRule(config, session, context.timezone);
  },
});

export function sessionBlockOutsideRule(config: SessionBlockOutsideConfig, session: SessionClock, timeZone = 'America/Chicago'): Rule {
  // The breach repeats on every quote until the flatten lands: word the next start once, not per quote.
  let worded = { at: NaN, text: '' };
  const opensText = (at: number): string => {
    if (worded.at !== at) worded = { at, text: wallClock(new Date(at).toISOString(), timeZone) };
    return worded.text;
  };
  return {
    id: sessionBlockOutside.id,
    name: sessionBlockOutside.key,
    title: 'Trading session',
    unit: 'minutes',
    enabled: config.enabled,
    /** Minutes of the session used, against its length: the bar fills up towards the session end. */
    measure(context) {
      const current = session.current(context.now);
      if (!current) return { value: 0, limit: 0, usage: 0, summary: `outside the ${config.start}–${config.end} session: no new trades` };
      const length = Math.round((current.end - current.start) / 60_000);
      const used = Math.floor((context.now - current.start) / 60_000);
      return {
        value: used,
        limit: length,
        usage: usageOf(used, length),
        summary: `in session ${config.start}–${config.end}: ${length - used} min left`,
      };
    },
    evaluate(context): Breach[] {
      if (session.current(context.now)) return [];
      const orders = context.account.workingOrders().length;
      const positions = config.close_positions_at_end ? context.account.positions().length : 0;
      if (orders === 0 && positions === 0) return [];
      // The lock's reason, read while locked and later: the day is always named.
      const opens = opensText(session.nextStart(context.now));
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilSessionStart' } },
          message: `outside the ${config.start}–${config.end} session with ${positions} position(s) and ${orders} order(s); the next session opens ${opens}`,
          value: positions + orders,
          limit: 0,
        }),
      ];
    },
  };
}
