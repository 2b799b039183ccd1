import { describe, expect, it } from 'vitest';
import { REGULAR_HOURS } from '../../helpers/sessions';
import { sessionBlockOutsideConfigSchema, sessionBlockOutsideRule } from '../../../src/main/engine/rules/session-block-outside';
import { sessionClock } from '../../../src/main/schedule/session';
import { parseConfig } from '../../../src/main/config/loader';
import { armRules } from '../../../src/main/engine/rules';
import { accountWith, contextOf, order, position } from '../../helpers/states';

const rth = REGULAR_HOURS;
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('session windows', () => {
  it.each([
    ['2026-11-24T14:29:59Z', false], // Tue 08:29:59 CST
    ['2026-11-24T14:30:00Z', true], // Tue 08:30 CST
    ['2026-11-24T20:59:59Z', true],
    ['2026-11-24T21:00:00Z', false], // 15:00 CST: the end is exclusive
    ['2026-11-28T16:00:00Z', false], // Saturday
    ['2026-11-26T16:00:00Z', false], // Thanksgiving
    ['2026-07-01T13:30:00Z', true], // 08:30 CDT in summer
    ['2026-07-01T13:29:00Z', false],
  ])('at %s the session is open: %s', (now, open) => {
    expect(rth.current(Date.parse(now)) !== null).toBe(open);
  });

  it.each([
    ['2026-11-24T21:00:00Z', '2026-11-25T14:30:00.000Z'], // Tue after close → Wed
    ['2026-11-25T21:00:00Z', '2026-11-27T14:30:00.000Z'], // Wed → Fri (Thanksgiving skipped)
    ['2026-11-27T21:00:00Z', '2026-11-30T14:30:00.000Z'], // Fri → Mon
    ['2026-03-06T22:00:00Z', '2026-03-09T13:30:00.000Z'], // across the March DST change: 08:30 CDT
    ['2026-10-30T22:00:00Z', '2026-11-02T14:30:00.000Z'], // across the November DST change: 08:30 CST
  ])('after %s the next session starts %s', (now, next) => {
    expect(iso(rth.nextStart(Date.parse(now)))).toBe(next);
  });

  it('handles an overnight session that ends the next morning', () => {
    const globex = sessionClock({
      timezone: 'America/Chicago',
      start: '17:00',
      end: '16:00',
      days: ['sun', 'mon', 'tue', 'wed', 'thu'],
      holidays: [],
    });
    expect(globex.current(Date.parse('2026-11-24T05:00:00Z'))).toEqual({
      start: Date.parse('2026-11-23T23:00:00Z'),
      end: Date.parse('2026-11-24T22:00:00Z'),
    });
    expect(globex.current(Date.parse('2026-11-24T22:30:00Z'))).toBeNull();
    // 02:00 Tuesday in Chicago is still Monday's session, which started the evening before.
    expect(globex.current(Date.parse('2026-11-24T08:00:00Z'))).toEqual({
      start: Date.parse('2026-11-23T23:00:00Z'),
      end: Date.parse('2026-11-24T22:00:00Z'),
    });
  });

  it('runs overnight when the end is earlier by minutes only, and all day when start and end are equal', () => {
    const lateNight = sessionClock({
      timezone: 'America/Chicago',
      start: '16:30',
      end: '16:15',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      holidays: [],
    });
    expect(lateNight.current(Date.parse('2026-11-24T12:00:00Z'))).toEqual({
      start: Date.parse('2026-11-23T22:30:00Z'),
      end: Date.parse('2026-11-24T22:15:00Z'),
    });
    const allDay = sessionClock({
      timezone: 'America/Chicago',
      start: '17:00',
      end: '17:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      holidays: [],
    });
    expect(allDay.current(Date.parse('2026-11-24T22:59:00Z'))).toEqual({
      start: Date.parse('2026-11-23T23:00:00Z'),
      end: Date.parse('2026-11-24T23:00:00Z'),
    });
  });

  it('keeps a short afternoon session within the day', () => {
    const halfHour = sessionClock({ timezone: 'America/Chicago', start: '16:00', end: '16:30', days: ['tue'], holidays: [] });
    expect(halfHour.current(Date.parse('2026-11-24T22:15:00Z'))).toEqual({
      start: Date.parse('2026-11-24T22:00:00Z'),
      end: Date.parse('2026-11-24T22:30:00Z'),
    });
    expect(halfHour.current(Date.parse('2026-11-25T09:00:00Z'))).toBeNull();
  });

  it('trades Monday to Friday when the config names no days', () => {
    const { session } = armRules(parseConfig('rules:\n  session_block_outside: { start: "08:30", end: "15:00" }\n', 'r.yaml'));
    expect(session!.current(Date.parse('2026-11-23T16:00:00Z'))).not.toBeNull(); // Monday
    expect(session!.current(Date.parse('2026-11-27T16:00:00Z'))).not.toBeNull(); // Friday
    expect(session!.current(Date.parse('2026-11-29T16:00:00Z'))).toBeNull(); // Sunday
  });

  it('at the very start of a session, the next start is the following one', () => {
    expect(iso(rth.nextStart(Date.parse('2026-11-24T14:30:00Z')))).toBe('2026-11-25T14:30:00.000Z');
  });
});

describe('CME early closes (half days)', () => {
  it.each([
    ['2026-11-27T18:14:59Z', true], // Fri after Thanksgiving, 12:14:59 CST
    ['2026-11-27T18:15:00Z', false], // 12:15 CST: the equity index early close
    ['2026-11-27T20:00:00Z', false], // 14:00 CST, normally in session
    ['2026-12-24T18:14:00Z', true], // Thu Christmas Eve, 12:14 CST
    ['2026-12-24T18:15:00Z', false],
    ['2027-11-26T18:14:00Z', true], // Fri after Thanksgiving 2027, 12:14 CST
    ['2027-11-26T18:15:00Z', false],
    ['2026-12-23T20:00:00Z', true], // the day before Christmas Eve is a full day
    ['2026-12-31T20:00:00Z', true], // New Year's Eve: a full session
  ])('at %s the 08:30–15:00 session is open: %s', (now, open) => {
    expect(rth.current(Date.parse(now)) !== null).toBe(open);
  });

  it('ends the session at the early close, so its length and the time left are the half day', () => {
    expect(rth.current(Date.parse('2026-11-27T16:00:00Z'))).toEqual({
      start: Date.parse('2026-11-27T14:30:00Z'),
      end: Date.parse('2026-11-27T18:15:00Z'),
    });
  });

  it.each([
    ['2026-11-27T13:00:00Z', '2026-11-27T14:30:00.000Z'], // Fri 07:00 CST, before the half day opens
    ['2026-11-27T18:15:00Z', '2026-11-30T14:30:00.000Z'], // at the early close → Mon
    ['2026-12-24T19:00:00Z', '2026-12-28T14:30:00.000Z'], // Christmas Eve afternoon → Mon (Christmas, weekend)
    ['2027-11-26T18:30:00Z', '2027-11-29T14:30:00.000Z'],
  ])('after %s the next session starts %s', (now, next) => {
    expect(iso(rth.nextStart(Date.parse(now)))).toBe(next);
  });

  it('ends at 12:15 Chicago time whatever the trader\u2019s timezone: 13:15 in New York', () => {
    const newYork = sessionClock({ timezone: 'America/New_York', start: '09:30', end: '16:00', days: ['fri'], holidays: [] });
    expect(newYork.current(Date.parse('2026-11-27T15:00:00Z'))).toEqual({
      start: Date.parse('2026-11-27T14:30:00Z'),
      end: Date.parse('2026-11-27T18:15:00Z'),
    });
  });

  it('keeps DST: a summer half day at 12:15 CDT ends at 17:15 UTC (July 3, 2025)', () => {
    const summer = sessionClock({
      timezone: 'America/Chicago',
      start: '08:30',
      end: '15:00',
      days: ['thu'],
      holidays: [],
      earlyCloses: [{ date: '2025-07-03', close: '12:15', timezone: 'America/Chicago' }],
    });
    expect(summer.current(Date.parse('2025-07-03T15:00:00Z'))).toEqual({
      start: Date.parse('2025-07-03T13:30:00Z'),
      end: Date.parse('2025-07-03T17:15:00Z'),
    });
  });

  it('does not start a session that would open after the early close that day', () => {
    const afternoon = sessionClock({ timezone: 'America/Chicago', start: '13:00', end: '15:00', days: ['mon', 'fri'], holidays: [] });
    expect(afternoon.current(Date.parse('2026-11-27T19:30:00Z'))).toBeNull();
    expect(iso(afternoon.nextStart(Date.parse('2026-11-27T14:00:00Z')))).toBe('2026-11-30T19:00:00.000Z');
  });

  it('cuts an overnight session at the early close, and skips the one that would start that evening', () => {
    const globex = sessionClock({
      timezone: 'America/Chicago',
      start: '17:00',
      end: '16:00',
      days: ['sun', 'mon', 'tue', 'wed', 'thu'],
      holidays: ['2026-12-25'],
    });
    expect(globex.current(Date.parse('2026-12-24T16:00:00Z'))).toEqual({
      start: Date.parse('2026-12-23T23:00:00Z'),
      end: Date.parse('2026-12-24T18:15:00Z'),
    });
    expect(globex.current(Date.parse('2026-12-24T23:30:00Z'))).toBeNull();
    expect(iso(globex.nextStart(Date.parse('2026-12-24T18:15:00Z')))).toBe('2026-12-27T23:00:00.000Z');
  });

  it('follows the half days it is given, and none when given none', () => {
    const plain = sessionClock({ timezone: 'America/Chicago', start: '08:30', end: '15:00', days: ['fri'], holidays: [], earlyCloses: [] });
    expect(plain.current(Date.parse('2026-11-27T20:00:00Z'))).not.toBeNull();
  });

  it('RULE-009 flattens a position held past the early close and locks until Monday\u2019s open', () => {
    const rule = sessionBlockOutsideRule(sessionBlockOutsideConfigSchema.parse({ start: '08:30', end: '15:00' }), rth);
    const afterClose = Date.parse('2026-11-27T18:20:00Z'); // Fri 12:20 CST
    const [breach] = rule.evaluate({ ...contextOf(accountWith({ positions: [position('ES', 1)] })), now: afterClose });
    expect(breach).toMatchObject({ category: 'hardLockout', remedy: { kind: 'flatten', lock: { kind: 'untilSessionStart' } } });
    expect(rule.measure({ ...contextOf(accountWith()), now: Date.parse('2026-11-27T18:00:00Z') })).toMatchObject({
      value: 210,
      limit: 225,
    });
  });
});

describe('RULE-009 session_block_outside', () => {
  const rule = sessionBlockOutsideRule(sessionBlockOutsideConfigSchema.parse({ start: '08:30', end: '15:00' }), rth);
  const evening = Date.parse('2026-11-24T22:00:00Z');
  const midday = Date.parse('2026-11-24T18:00:00Z');

  it('lets positions and orders be inside the session', () => {
    expect(rule.evaluate({ ...contextOf(accountWith({ positions: [position('MNQ', 1)] })), now: midday })).toEqual([]);
  });

  it('flattens and locks until the next session start outside it', () => {
    const [breach] = rule.evaluate({ ...contextOf(accountWith({ positions: [position('MNQ', 1)] })), now: evening });
    expect(breach).toMatchObject({ category: 'hardLockout', remedy: { kind: 'flatten', lock: { kind: 'untilSessionStart' } } });
    expect(breach?.message).toContain('the next session opens Wed Nov 25, 8:30 AM CT');
  });

  it('has nothing to do outside the session when the account is flat', () => {
    expect(rule.evaluate({ ...contextOf(accountWith()), now: evening })).toEqual([]);
  });

  it('leaves carried positions alone when close_positions_at_end is off, but not new orders', () => {
    const keep = sessionBlockOutsideRule(
      sessionBlockOutsideConfigSchema.parse({ start: '08:30', end: '15:00', close_positions_at_end: false }),
      rth,
    );
    const account = accountWith({ positions: [position('MNQ', 1)] });
    expect(keep.evaluate({ ...contextOf(account), now: evening })).toEqual([]);
    account.apply({
      type: 'order',
      order: order(3, 'CON.F.US.MNQ.Z26', { limitPrice: 1 }),
    });
    expect(keep.evaluate({ ...contextOf(account), now: evening })).toHaveLength(1);
  });

  it('fills its bar towards the session end', () => {
    expect(rule.measure({ ...contextOf(accountWith()), now: Date.parse('2026-11-24T20:00:00Z') })).toEqual({
      value: 330,
      limit: 390,
      usage: 330 / 390,
      summary: 'in session until 3:00 PM CT: 60 min left',
    });
    expect(rule.measure({ ...contextOf(accountWith()), now: Date.parse('2026-11-24T22:00:00Z') }).summary).toBe(
      'outside the 8:30 AM–3:00 PM CT session: no new trades until Wed Nov 25, 8:30 AM CT',
    );
  });

  it('says when the session ends on a half day, and names the day of the next open when it is not today', () => {
    expect(rule.measure({ ...contextOf(accountWith()), now: Date.parse('2026-11-27T18:00:00Z') }).summary).toBe(
      'in session until 12:15 PM CT: 15 min left',
    );
    expect(rule.measure({ ...contextOf(accountWith()), now: Date.parse('2026-11-24T13:00:00Z') }).summary).toBe(
      'outside the 8:30 AM–3:00 PM CT session: no new trades until 8:30 AM CT',
    );
  });

  it('says what it closes and cancels outside the session, in words, and when the next session opens', () => {
    const account = accountWith({ positions: [position('MNQ', 1)] });
    expect(rule.evaluate({ ...contextOf(account), now: evening })[0]?.message).toBe(
      'outside the 8:30 AM–3:00 PM CT session with 1 open position; the next session opens Wed Nov 25, 8:30 AM CT',
    );
    account.apply({ type: 'order', order: order(3, 'CON.F.US.MNQ.Z26', { limitPrice: 1 }) });
    account.apply({ type: 'order', order: order(4, 'CON.F.US.MNQ.Z26', { limitPrice: 2 }) });
    const wednesdayEvening = Date.parse('2026-11-25T22:00:00Z');
    expect(rule.evaluate({ ...contextOf(account), now: wednesdayEvening })[0]?.message).toBe(
      'outside the 8:30 AM–3:00 PM CT session with 1 open position and 2 open orders; the next session opens Fri Nov 27, 8:30 AM CT',
    );
  });
});

describe('RULE-009: the session end ahead', () => {
  const rule = sessionBlockOutsideRule(sessionBlockOutsideConfigSchema.parse({ start: '08:30', end: '15:00' }), rth);
  const end = Date.parse('2026-11-24T21:00:00Z'); // Tue 3:00 PM CST
  const minutesBefore = (minutes: number) => end - minutes * 60_000;
  const withPosition = () => accountWith({ positions: [position('MNQ', 1)] });

  it.each([
    ['16 min before the end, with a position: not yet', 16, withPosition, null],
    ['15 min before the end, with a position', 15, withPosition, 'positions will be flattened: the session ends'],
    ['14 min before the end, with a position', 14, withPosition, 'positions will be flattened: the session ends'],
    ['14 min before the end, flat: nothing to flatten', 14, () => accountWith(), null],
  ])('%s', (_what, minutes, account, text) => {
    const { imminent } = rule.measure({ ...contextOf(account()), now: minutesBefore(minutes) });
    expect(imminent ?? null).toEqual(text === null ? null : { at: end, text });
  });

  it('warns of cancelled orders, and of nothing for positions it is told to keep', () => {
    const keep = sessionBlockOutsideRule(
      sessionBlockOutsideConfigSchema.parse({ start: '08:30', end: '15:00', close_positions_at_end: false }),
      rth,
    );
    const account = withPosition();
    expect(keep.measure({ ...contextOf(account), now: minutesBefore(5) }).imminent).toBeUndefined();
    account.apply({ type: 'order', order: order(3, 'CON.F.US.MNQ.Z26', { limitPrice: 1 }) });
    expect(keep.measure({ ...contextOf(account), now: minutesBefore(5) }).imminent).toEqual({
      at: end,
      text: 'open orders will be cancelled: the session ends',
    });
  });

  it('warns before an early close, at the early close', () => {
    const earlyClose = Date.parse('2026-11-27T18:15:00Z'); // Fri 12:15 PM CST, the day after Thanksgiving
    expect(rule.measure({ ...contextOf(withPosition()), now: earlyClose - 10 * 60_000 }).imminent).toEqual({
      at: earlyClose,
      text: 'positions will be flattened: the session ends',
    });
  });
});
