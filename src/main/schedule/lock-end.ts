/** When a lock a rule asked for ends: the lock-end policy, as a pure function of the calendar in force. */
import type { SessionClock } from './session-clock';
import { tradingDayAt, type TradingDaySchedule } from './trading-day';
import { tradingWeekAt } from './trading-week';

/** The lock a rule asks for when it flattens an account. */
export type LockRequest =
  | { kind: 'untilReset' }
  | { kind: 'cooldown'; durationMs: number }
  | { kind: 'untilSessionStart' }
  /** Until the next trading week's first session (weekly limits). */
  | { kind: 'untilWeeklyReset' }
  /** Until a time the trader chose (a self-lockout): `at` in epoch ms. */
  | { kind: 'untilTime'; at: number }
  | { kind: 'untilAdmin' };

export interface LockCalendar {
  schedule: TradingDaySchedule;
  /** The configured trading session; without one a lock until the next session lasts until the reset. */
  session: SessionClock | null;
}

/** The end of the lock in ms, or null when only an administrator can lift it. */
export function lockEnd(request: LockRequest, now: number, calendar: LockCalendar): number | null {
  switch (request.kind) {
    case 'cooldown':
      return now + request.durationMs;
    case 'untilReset':
      return tradingDayAt(now, calendar.schedule).end;
    case 'untilSessionStart':
      return calendar.session ? calendar.session.nextStart(now) : tradingDayAt(now, calendar.schedule).end;
    case 'untilWeeklyReset':
      return tradingWeekAt(now, calendar.schedule).end;
    case 'untilTime':
      return request.at;
    case 'untilAdmin':
      return null;
  }
}
