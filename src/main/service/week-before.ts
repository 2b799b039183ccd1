/**
 * Gives each account the trading week before today (engine/week-totals.ts), read from the fills
 * stored per trading day: the store is the source of truth, so a restart mid-week keeps the week's
 * figures and the weekly reset starts them at zero. Read when the pipeline loads and at each daily
 * reset; should the store refuse the read at a reset, the week goes on from the figures in memory.
 */
import { roundCents } from '../../shared/domain';
import type { AccountState } from '../engine/account-state';
import { NO_WEEK_BEFORE, weekBeforeOf, type WeekBefore } from '../engine/week-totals';
import type { Logger } from '../log';
import type { TradingDaySchedule } from '../schedule/trading-day';
import { tradingWeekAt } from '../schedule/trading-week';
import type { RiskStore } from '../store/risk-store';

export interface WeekSource {
  store: Pick<RiskStore, 'fillsOfDays'>;
  logger: Logger;
  /** The reset time and timezone of the config in force. */
  schedule: TradingDaySchedule;
  now: number;
  /** Today's trading day name ("2026-11-24"), as fills are stored under it. */
  today: string;
}

/** At load: the week's days before today from the store. */
export function loadWeekBefore(account: AccountState, source: WeekSource): void {
  account.weekBefore = readWeekBefore(account.id, source, NO_WEEK_BEFORE);
}

/** At a daily reset: `startDay` clears the account's day, and the day just ended joins the week's earlier days. */
export function rollWeekBefore(account: AccountState, source: WeekSource, startDay: () => void): void {
  const { weekBefore } = account;
  const through: WeekBefore = {
    realized: roundCents(weekBefore.realized + account.realizedPnl()),
    trades: weekBefore.trades + account.tradeCount(),
    executions: weekBefore.executions + account.executionTimes().length,
    end: weekBefore.end,
  };
  startDay();
  account.weekBefore = readWeekBefore(account.id, source, through);
}

function readWeekBefore(accountId: number, source: WeekSource, inMemory: WeekBefore): WeekBefore {
  const week = tradingWeekAt(source.now, source.schedule);
  try {
    return weekBeforeOf(source.store.fillsOfDays(accountId, week.firstDay, source.today), week.end);
  } catch (error) {
    source.logger.warn(
      `account ${accountId}: the week's earlier fills could not be read (${(error as Error).message}); counting from memory`,
    );
    return inMemory.end === week.end ? inMemory : { ...NO_WEEK_BEFORE, end: week.end };
  }
}
