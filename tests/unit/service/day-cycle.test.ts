import { describe, expect, it } from 'vitest';
import type { Journal } from '../../../src/main/enforcement/journal';
import { Lockouts } from '../../../src/main/enforcement/lockouts';
import type { TradingDay, TradingDaySchedule } from '../../../src/main/schedule/trading-day';
import { DayCycle } from '../../../src/main/service/day-cycle';
import { FakeClock } from '../../helpers/fake-clock';
import { openTestStore } from '../../helpers/store';
import { recorderOf } from './recorder-of';

const T0 = Date.parse('2026-11-24T15:00:00Z');
/** 17:00 America/Chicago on 2026-11-24 (CST, UTC−6). */
const RESET = Date.parse('2026-11-24T23:00:00Z');
const PREVIOUS_RESET = Date.parse('2026-11-23T23:00:00Z');
const NEXT_RESET = Date.parse('2026-11-25T23:00:00Z');
const CHICAGO_1700: TradingDaySchedule = { timezone: 'America/Chicago', resetTime: '17:00' };
const LAST_RESET_KEY = 'last_reset_trading_day';

interface Entry {
  kind: string;
  accountId: number | null;
  title: string;
  detail: string | null;
}

/** `heldSchedule`: a schedule change held by the config in force until the reset. */
function setup(options: { now?: number; heldSchedule?: TradingDaySchedule } = {}) {
  const clock = new FakeClock(options.now ?? T0);
  const { store, db } = openTestStore();
  const recorder = recorderOf(store);
  const lockouts = new Lockouts(store, recorder, () => ({ schedule: CHICAGO_1700, session: null }));
  const entries: Entry[] = [];
  const journal: Journal = { add: (kind, accountId, title, detail) => entries.push({ kind, accountId, title, detail }) };
  const calls: string[] = [];
  const newDays: TradingDay[] = [];
  let schedule = CHICAGO_1700;
  const deps = {
    store,
    recorder,
    lockouts,
    journal,
    clock,
    schedule: () => schedule,
    beforeReset: () => {
      calls.push('beforeReset');
      if (options.heldSchedule) schedule = options.heldSchedule;
    },
    onNewDay: (day: TradingDay) => {
      calls.push('onNewDay');
      newDays.push(day);
    },
  };
  const resetAudits = () => db.prepare(`SELECT ts, actor, detail FROM audit_log WHERE action = 'daily reset' ORDER BY id`).all();
  return {
    clock,
    store,
    lockouts,
    entries,
    calls,
    newDays,
    resetAudits,
    cycle: () => new DayCycle(deps),
  };
}

describe('day cycle', () => {
  it.each([
    ['2026-11-24T15:00:00Z', '2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z', '2026-11-24'],
    ['2026-11-24T22:59:59Z', '2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z', '2026-11-24'],
    ['2026-11-24T23:00:00Z', '2026-11-24T23:00:00.000Z', '2026-11-25T23:00:00.000Z', '2026-11-25'],
    ['2026-11-25T03:00:00Z', '2026-11-24T23:00:00.000Z', '2026-11-25T23:00:00.000Z', '2026-11-25'],
  ])('at %s the trading day runs from %s to %s and is labelled with the date of its reset, %s', (at, start, end, label) => {
    const cycle = setup({ now: Date.parse(at) }).cycle();
    expect(new Date(cycle.day.start).toISOString()).toBe(start);
    expect(new Date(cycle.day.end).toISOString()).toBe(end);
    expect(cycle.label).toBe(label);
  });

  it('does not reset before the reset time', () => {
    const { cycle, calls, entries, resetAudits } = setup();
    const day = cycle();
    day.tick(RESET - 1);
    expect(day.label).toBe('2026-11-24');
    expect(calls).toEqual([]);
    expect(entries).toEqual([]);
    expect(resetAudits()).toEqual([]);
  });

  it('starts the next trading day at the reset: held changes first, then the new day, an audit row and a reset entry', () => {
    const { cycle, clock, calls, newDays, entries, store, resetAudits } = setup();
    const day = cycle();
    clock.set(RESET);
    day.tick(RESET);
    expect(calls).toEqual(['beforeReset', 'onNewDay']);
    expect(newDays).toEqual([{ start: RESET, end: NEXT_RESET }]);
    expect(day.day).toEqual({ start: RESET, end: NEXT_RESET });
    expect(day.label).toBe('2026-11-25');
    expect(entries).toEqual([{ kind: 'reset', accountId: null, title: 'Daily reset', detail: 'P&L and trade counts start again at zero' }]);
    expect(resetAudits()).toEqual([
      {
        ts: '2026-11-24T23:00:00.000Z',
        actor: 'schedule',
        detail: 'trading day from 2026-11-24T23:00:00.000Z: P&L and trade counts start again at zero',
      },
    ]);
    expect(store.meta(LAST_RESET_KEY)).toBe('2026-11-24T23:00:00.000Z');
  });

  it('resets once per day however many ticks follow the reset', () => {
    const { cycle, calls } = setup();
    const day = cycle();
    day.tick(RESET);
    day.tick(RESET + 1000);
    day.tick(NEXT_RESET - 1);
    expect(calls).toEqual(['beforeReset', 'onNewDay']);
    day.tick(NEXT_RESET);
    expect(calls).toEqual(['beforeReset', 'onNewDay', 'beforeReset', 'onNewDay']);
    expect(day.label).toBe('2026-11-26');
  });

  it('computes the new day from a schedule change held until the reset (16:00 instead of 17:00)', () => {
    const { cycle, newDays } = setup({ heldSchedule: { timezone: 'America/Chicago', resetTime: '16:00' } });
    const day = cycle();
    day.tick(RESET);
    const newDay = { start: Date.parse('2026-11-24T22:00:00Z'), end: Date.parse('2026-11-25T22:00:00Z') };
    expect(newDays).toEqual([newDay]);
    expect(day.day).toEqual(newDay);
    expect(day.label).toBe('2026-11-25');
  });

  it('records a reset missed while Risk Warden was closed once, at start', () => {
    const { cycle, store, clock, entries, resetAudits, calls } = setup();
    store.setMeta(LAST_RESET_KEY, '2026-11-22T23:00:00.000Z');
    const day = cycle();
    day.catchUp(clock.now());
    day.catchUp(clock.now());
    cycle().catchUp(clock.now());
    const detail = 'missed while Risk Warden was closed (last reset applied: 2026-11-22T23:00:00.000Z); applied at start';
    expect(entries).toEqual([
      {
        kind: 'reset',
        accountId: null,
        title: 'Daily reset',
        detail: 'The daily reset came while Risk Warden was closed; applied at the start. P&L and trade counts start again at zero',
      },
    ]);
    expect(resetAudits()).toEqual([
      { ts: '2026-11-24T15:00:00.000Z', actor: 'schedule', detail: `trading day from 2026-11-23T23:00:00.000Z: ${detail}` },
    ]);
    expect(store.meta(LAST_RESET_KEY)).toBe(new Date(PREVIOUS_RESET).toISOString());
    // Today's state is loaded fresh at start: no held changes to apply, no new day to start.
    expect(calls).toEqual([]);
  });

  it('records no reset at a start within the day of the last reset', () => {
    const { cycle, store, clock, entries, resetAudits } = setup();
    store.setMeta(LAST_RESET_KEY, new Date(PREVIOUS_RESET).toISOString());
    cycle().catchUp(clock.now());
    expect(entries).toEqual([]);
    expect(resetAudits()).toEqual([]);
  });

  it('records no reset at the first start ever, and remembers the day it started in', () => {
    const { cycle, store, clock, entries, resetAudits } = setup();
    cycle().catchUp(clock.now());
    expect(entries).toEqual([]);
    expect(resetAudits()).toEqual([]);
    expect(store.meta(LAST_RESET_KEY)).toBe('2026-11-23T23:00:00.000Z');
  });

  it('clears a cooldown lock when it ends, with an unlock entry', () => {
    const { cycle, lockouts, entries } = setup();
    lockouts.lock(1, { kind: 'cooldown', durationMs: 60_000 }, 'RULE-006', 'too many trades', T0);
    const day = cycle();
    day.tick(T0 + 59_999);
    expect(lockouts.current(1)).not.toBeNull();
    expect(entries).toEqual([]);
    day.tick(T0 + 60_000);
    expect(lockouts.current(1)).toBeNull();
    expect(entries).toEqual([{ kind: 'unlock', accountId: 1, title: 'Cooldown over: trading allowed again', detail: 'too many trades' }]);
  });

  it('clears at start a cooldown lock that ended while Risk Warden was closed', () => {
    const { cycle, lockouts, entries, clock } = setup();
    lockouts.lock(1, { kind: 'cooldown', durationMs: 60_000 }, 'RULE-006', 'too many trades', T0 - 120_000);
    cycle().catchUp(clock.now());
    expect(lockouts.current(1)).toBeNull();
    expect(entries).toEqual([{ kind: 'unlock', accountId: 1, title: 'Cooldown over: trading allowed again', detail: 'too many trades' }]);
  });

  it('ends an until-reset lock at the reset, after the reset entry', () => {
    const { cycle, lockouts, entries } = setup();
    lockouts.lock(1, { kind: 'untilReset' }, 'RULE-003', 'daily loss −550', T0);
    cycle().tick(RESET);
    expect(lockouts.current(1)).toBeNull();
    expect(entries.map((e) => `${e.kind}: ${e.title}`)).toEqual(['reset: Daily reset', 'unlock: Lock ended at the daily reset']);
  });

  it('never clears an admin-only lock by time, not even across resets', () => {
    const { cycle, lockouts, entries } = setup();
    lockouts.lock(1, { kind: 'untilAdmin' }, 'RULE-010', 'session logged out', T0);
    const day = cycle();
    day.catchUp(T0);
    day.tick(RESET);
    day.tick(NEXT_RESET + 86_400_000);
    expect(lockouts.current(1)?.kind).toBe('untilAdmin');
    expect(entries.filter((e) => e.kind === 'unlock')).toEqual([]);
  });
});
