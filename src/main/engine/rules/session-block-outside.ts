/** RULE-009 session_block_outside: trade only in your session; outside it, flatten and lock until the next session starts. */
import { z } from 'zod';
import { CME_HOLIDAYS_2026_2027 } from '../../schedule/cme-holidays';
import { sessionClock } from '../../schedule/session';
import { wallClock } from '../../../shared/time-format';
import { breachOf, usageOf, type Breach, type Imminent, type Rule, type RuleContext } from '../rule';
import { daysText, hoursText } from '../../schedule/clock-text';
import type { SessionClock } from '../../schedule/session-clock';
import { defineRule } from './definition';
import { counted, listed } from './words';

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

/** How long before the session end the card warns that what is open will be flattened. */
export const SESSION_END_WARNING_MS = 15 * 60_000;

/** "Flattens and locks trading outside 8:30 AM–3:00 PM CT, Mon–Fri, and on CME holidays; positions are closed at the session end". */
export function sessionBlockOutsideDescription(config: SessionBlockOutsideConfig, timeZone: string, at: number): string {
  const holidays = config.holidays === undefined ? 'CME holidays' : `the ${counted(config.holidays.length, 'listed holiday')}`;
  const hours = `${hoursText(config.start, config.end, timeZone, at)}, ${daysText(config.days)}`;
  const atEnd = config.close_positions_at_end ? 'positions are closed at the session end' : 'positions may stay open past the session end';
  return `Flattens and locks trading outside ${hours}, and on ${holidays}; ${atEnd}`;
}

/**
 * `describedAt` is the instant whose zone name the description uses: a fixed winter day, since the
 * description does not change with the clock ("CT" all year in Chicago; a zone without a generic
 * name reads its winter abbreviation).
 */
export function sessionBlockOutsideRule(
  config: SessionBlockOutsideConfig,
  session: SessionClock,
  timeZone = 'America/Chicago',
  describedAt = Date.UTC(2026, 0, 15),
): Rule {
  // The breach repeats on every quote until the flatten lands: word the next start once, not per quote.
  let worded = { at: NaN, text: '' };
  const opensText = (at: number): string => {
    if (worded.at !== at) worded = { at, text: wallClock(new Date(at).toISOString(), timeZone) };
    return worded.text;
  };
  const hours = (at: number) => hoursText(config.start, config.end, timeZone, at);
  const at = (ms: number, now: number) => wallClock(new Date(ms).toISOString(), timeZone, now);
  /** What the session end will flatten while it is near: positions (when closed at the end) and working orders. */
  const imminent = (context: RuleContext, end: number): Imminent | undefined => {
    if (end - context.now > SESSION_END_WARNING_MS) return undefined;
    if (config.close_positions_at_end && context.account.positions().length > 0)
      return { at: end, text: 'positions will be flattened: the session ends' };
    if (context.account.workingOrders().length > 0) return { at: end, text: 'open orders will be cancelled: the session ends' };
    return undefined;
  };
  return {
    id: sessionBlockOutside.id,
    name: sessionBlockOutside.key,
    title: 'Trading session',
    unit: 'minutes',
    enabled: config.enabled,
    gauge: false,
    description: sessionBlockOutsideDescription(config, timeZone, describedAt),
    /** Minutes of the session used, against its length: the bar fills up towards the session end. */
    measure(context) {
      const current = session.current(context.now);
      if (!current) {
        const opens = at(session.nextStart(context.now), context.now);
        return { value: 0, limit: 0, usage: 0, summary: `outside the ${hours(context.now)} session: no new trades until ${opens}` };
      }
      const length = Math.round((current.end - current.start) / 60_000);
      const used = Math.floor((context.now - current.start) / 60_000);
      return {
        value: used,
        limit: length,
        usage: usageOf(used, length),
        summary: `in session until ${at(current.end, context.now)}: ${length - used} min left`,
        imminent: imminent(context, current.end),
      };
    },
    evaluate(context): Breach[] {
      if (session.current(context.now)) return [];
      const orders = context.account.workingOrders().length;
      const positions = config.close_positions_at_end ? context.account.positions().length : 0;
      if (orders === 0 && positions === 0) return [];
      // The lock's reason, read while locked and later: the day is always named.
      const opens = opensText(session.nextStart(context.now));
      const open = [
        ...(positions > 0 ? [counted(positions, 'open position')] : []),
        ...(orders > 0 ? [counted(orders, 'open order')] : []),
      ];
      return [
        breachOf(this, context, {
          category: 'hardLockout',
          remedy: { kind: 'flatten', lock: { kind: 'untilSessionStart' } },
          message: `outside the ${hours(context.now)} session with ${listed(open)}; the next session opens ${opens}`,
          value: positions + orders,
          limit: 0,
        }),
      ];
    },
  };
}
