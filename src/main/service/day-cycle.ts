/**
 * The trading day's cycle: the daily reset (and one missed while Risk Warden was closed) and the
 * end of timed locks. Both are wall-clock events, checked on the service's housekeeping tick.
 * The day turns in memory; its record goes through the Recorder, written now or once the store
 * takes writes again.
 */
import type { LockoutKind } from '../../shared/contract';
import type { Recorder } from '../enforcement/executor';
import type { Journal } from '../enforcement/journal';
import type { Lockouts } from '../enforcement/lockouts';
import type { Clock } from '../schedule/clock';
import { dayLabel, tradingDayAt, type TradingDay, type TradingDaySchedule } from '../schedule/trading-day';
import type { RiskStore } from '../store/risk-store';

const LAST_RESET_KEY = 'last_reset_trading_day';

/** How the timeline says a lock ended on its own, by its kind (a lock until an admin unlock never does). */
const LOCK_ENDED: Record<LockoutKind, string> = {
  cooldown: 'Cooldown over: trading allowed again',
  untilReset: 'Lock ended at the daily reset',
  untilSessionStart: 'Lock ended: the trading session started',
  untilWeeklyReset: 'Lock ended: the new trading week started',
  untilTime: 'Lock ended at the time chosen',
  untilAdmin: 'Lock ended',
};

export interface DayCycleDeps {
  /** Read at start; written through `recorder`. */
  store: Pick<RiskStore, 'meta'>;
  recorder: Recorder;
  lockouts: Lockouts;
  journal: Journal;
  clock: Clock;
  /** The reset time and timezone of the config in force. */
  schedule(): TradingDaySchedule;
  /** Runs at the reset before the new day is set: held config changes take effect, and the new day follows them. */
  beforeReset(): void;
  /** P&L and trade counts start again. */
  onNewDay(day: TradingDay): void;
}

export class DayCycle {
  private current: TradingDay;
  private currentLabel: string;

  constructor(private readonly deps: DayCycleDeps) {
    this.current = tradingDayAt(deps.clock.now(), deps.schedule());
    this.currentLabel = this.labelOf(this.current);
  }

  get day(): TradingDay {
    return this.current;
  }

  /** The trading day's date (the date of the reset that ends it), as stored with each fill. */
  get label(): string {
    return this.currentLabel;
  }

  /** At start: a reset that came while Risk Warden was closed is recorded (today's state is loaded fresh anyway), and ended locks clear. */
  catchUp(now: number): void {
    const last = this.deps.store.meta(LAST_RESET_KEY);
    if (last === null) {
      const dayStart = new Date(this.current.start).toISOString();
      this.deps.recorder.write('the trading day', (store) => store.setMeta(LAST_RESET_KEY, dayStart), {
        keep: true,
        key: `meta:${LAST_RESET_KEY}`,
      });
    } else if (Date.parse(last) < this.current.start) {
      this.recordReset(
        `missed while Risk Warden was closed (last reset applied: ${last}); applied at start`,
        'The daily reset came while Risk Warden was closed; applied at the start. P&L and trade counts start again at zero',
      );
    }
    this.expireLocks(now);
  }

  tick(now: number): void {
    if (now >= this.current.end) this.reset(now);
    this.expireLocks(now);
  }

  private reset(now: number): void {
    this.deps.beforeReset();
    this.current = tradingDayAt(now, this.deps.schedule());
    this.currentLabel = this.labelOf(this.current);
    this.deps.onNewDay(this.current);
    this.recordReset('P&L and trade counts start again at zero', 'P&L and trade counts start again at zero');
  }

  /** `record`: the audit log's wording (dates as stored); `told`: the timeline's. */
  private recordReset(record: string, told: string): void {
    const dayStart = new Date(this.current.start).toISOString();
    const at = new Date(this.deps.clock.now()).toISOString();
    this.deps.recorder.write(
      'the daily reset',
      (store) => {
        store.setMeta(LAST_RESET_KEY, dayStart);
        store.audit(at, 'schedule', 'daily reset', null, `trading day from ${dayStart}: ${record}`);
      },
      { keep: true },
    );
    this.deps.journal.add('reset', null, 'Daily reset', told);
  }

  private expireLocks(now: number): void {
    for (const lock of this.deps.lockouts.expire(now)) {
      this.deps.journal.add('unlock', lock.accountId, LOCK_ENDED[lock.kind], lock.reason);
    }
  }

  private labelOf(day: TradingDay): string {
    return dayLabel(day, this.deps.schedule().timezone);
  }
}
