/**
 * The week before today, read from the fills stored per trading day: on the real CME calendar, the
 * week starts Sunday at the reset (Monday when Monday is a holiday), and a store that cannot be
 * read at a reset leaves the week counted from memory.
 */
import { describe, expect, it } from 'vitest';
import type { Fill } from '../../../src/shared/domain';
import { loadWeekBefore, rollWeekBefore, type WeekSource } from '../../../src/main/service/week-before';
import type { RiskStore } from '../../../src/main/store/risk-store';
import { accountWith, CONTRACTS, fill } from '../../helpers/states';
import { openTestStore } from '../../helpers/store';

const CHICAGO = { timezone: 'America/Chicago', resetTime: '17:00' };
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ES = CONTRACTS.ES!.id;

/** A store holding each trading day's fills of account 1 under that day's name. */
function storeWith(days: Record<string, Fill[]>): RiskStore {
  const { store } = openTestStore();
  for (const [day, fills] of Object.entries(days)) for (const entry of fills) store.recordFill(entry, day);
  return store;
}

const source = (store: Pick<RiskStore, 'fillsOfDays'>, now: string, today: string): WeekSource => ({
  store,
  logger: silent,
  schedule: CHICAGO,
  now: Date.parse(now),
  today,
});

/** A round trip of one order each way: one trade, two executions, `pnl` gross and $1.40 fees a side. */
function roundTrip(pnl: number): Fill[] {
  return [fill(ES, 1, null, 1.4), fill(ES, -1, pnl, 1.4)];
}

describe('the week before today, from the store', () => {
  it('sums the earlier days of the week net of fees and counts trades and executions as the day counts them', () => {
    const store = storeWith({
      '2026-11-20': roundTrip(-900), // Friday of the week before: not this week
      '2026-11-23': roundTrip(-500), // Monday
      '2026-11-24': [...roundTrip(-200), ...roundTrip(100)], // Tuesday
      '2026-11-25': roundTrip(-50), // Wednesday: today, the account's own
    });
    const account = accountWith();
    loadWeekBefore(account, source(store, '2026-11-25T16:00:00Z', '2026-11-25'));
    expect(account.weekBefore).toEqual({
      realized: -608.4,
      trades: 3,
      executions: 6,
      end: Date.parse('2026-11-29T23:00:00Z'),
    });
  });

  it('counts an order once a day by its first opening fill, as the account does, and again on another day', () => {
    const partial = (size: number) => fill(ES, size, null, 0, 7000);
    const store = storeWith({ '2026-11-23': [partial(1), partial(1)], '2026-11-24': [partial(1)] });
    const account = accountWith();
    loadWeekBefore(account, source(store, '2026-11-25T16:00:00Z', '2026-11-25'));
    expect([account.weekBefore.trades, account.weekBefore.executions]).toEqual([2, 2]);
  });

  it('starts at zero on the week’s first day: Sunday at the reset', () => {
    const store = storeWith({ '2026-11-27': roundTrip(-700) });
    const account = accountWith();
    loadWeekBefore(account, source(store, '2026-11-29T23:00:00Z', '2026-11-30'));
    expect(account.weekBefore).toMatchObject({ realized: 0, trades: 0, end: Date.parse('2026-12-06T23:00:00Z') });
  });

  it('with Monday a holiday (Martin Luther King Jr. Day 2027), Sunday evening belongs to the week before and the week starts Monday at the reset', () => {
    const store = storeWith({
      '2027-01-15': roundTrip(-300), // Friday
      '2027-01-18': roundTrip(-200), // the Sunday-evening session, named for the holiday Monday
    });
    const mondayNoon = accountWith();
    loadWeekBefore(mondayNoon, source(store, '2027-01-18T18:00:00Z', '2027-01-18'));
    expect(mondayNoon.weekBefore).toMatchObject({ realized: -302.8, trades: 1, end: Date.parse('2027-01-18T23:00:00Z') });

    const tuesdaySession = accountWith();
    loadWeekBefore(tuesdaySession, source(store, '2027-01-18T23:00:00Z', '2027-01-19'));
    expect(tuesdaySession.weekBefore).toMatchObject({ realized: 0, trades: 0, end: Date.parse('2027-01-24T23:00:00Z') });
  });

  it('at a daily reset, today joins the earlier days (read back from the store) and the account’s day starts at zero', () => {
    const store = storeWith({ '2026-11-23': roundTrip(-500) });
    const today = roundTrip(-200);
    for (const entry of today) store.recordFill(entry, '2026-11-24');
    const account = accountWith({ fills: today });
    loadWeekBefore(account, source(store, '2026-11-24T16:00:00Z', '2026-11-24'));
    rollWeekBefore(account, source(store, '2026-11-24T23:00:00Z', '2026-11-25'), () => account.startNewDay());
    expect(account.weekBefore).toMatchObject({ realized: -705.6, trades: 2, executions: 4 });
    expect([account.realizedPnl(), account.tradeCount()]).toEqual([0, 0]);
  });

  it('when the store cannot be read at a reset, carries the day over in memory within the week and starts at zero in a new one', () => {
    const refusing = {
      fillsOfDays: () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed');
      },
    };
    const store = storeWith({ '2026-11-23': roundTrip(-500) });
    const account = accountWith({ fills: roundTrip(-200) });
    loadWeekBefore(account, source(store, '2026-11-24T16:00:00Z', '2026-11-24'));
    rollWeekBefore(account, source(refusing, '2026-11-24T23:00:00Z', '2026-11-25'), () => account.startNewDay());
    expect(account.weekBefore).toMatchObject({ realized: -705.6, trades: 2, executions: 4 });

    rollWeekBefore(account, source(refusing, '2026-11-29T23:00:00Z', '2026-11-30'), () => account.startNewDay());
    expect(account.weekBefore).toEqual({ realized: 0, trades: 0, executions: 0, end: Date.parse('2026-12-06T23:00:00Z') });
  });
});
