import { describe, expect, it } from 'vitest';
import { REGULAR_HOURS } from '../../helpers/sessions';
import { lockEnd } from '../../../src/main/schedule/lock-end';
import { lockEndText } from '../../../src/main/schedule/lock-end-text';
import { sessionClock } from '../../../src/main/schedule/session';
import { CME_HOLIDAYS_2026_2027 } from '../../../src/main/schedule/cme-holidays';

const schedule = { timezone: 'America/Chicago', resetTime: '17:00' };
const TZ = 'America/Chicago';
const at = (iso: string) => Date.parse(iso);

/** The lock's end as the banner says it, with the real CME calendar: the day when it is not today, and why days are skipped. */
describe('when a lock ends, in words', () => {
  it.each([
    ['a reset lock the same day', 'untilReset', '2026-11-24T16:00:00Z', '5:00 PM CT'],
    ['before the open, the same morning', 'untilSessionStart', '2026-11-24T13:00:00Z', '8:30 AM CT'],
    ['after the close, the next morning', 'untilSessionStart', '2026-11-24T22:00:00Z', 'Wed Nov 25, 8:30 AM CT'],
    [
      'Wednesday evening before Thanksgiving 2026',
      'untilSessionStart',
      '2026-11-25T22:00:00Z',
      'Fri Nov 27, 8:30 AM CT (Thanksgiving: market closed)',
    ],
    [
      'on Thanksgiving itself: today is named, or the next day looks like a mistake',
      'untilSessionStart',
      '2026-11-26T16:00:00Z',
      'Fri Nov 27, 8:30 AM CT (Thanksgiving: market closed)',
    ],
    ['a Friday evening', 'untilSessionStart', '2026-11-20T22:30:00Z', 'Mon Nov 23, 8:30 AM CT (weekend)'],
    ['after the half day after Thanksgiving', 'untilSessionStart', '2026-11-27T18:20:00Z', 'Mon Nov 30, 8:30 AM CT (weekend)'],
    [
      'Christmas Eve at its early close',
      'untilSessionStart',
      '2026-12-24T18:15:00Z',
      'Mon Dec 28, 8:30 AM CT (Christmas: market closed; weekend)',
    ],
  ] as const)('%s', (_when, kind, now, text) => {
    const until = lockEnd({ kind }, at(now), { schedule, session: REGULAR_HOURS })!;
    expect(lockEndText(until, at(now), TZ, kind)).toBe(text);
  });

  it('names a half day whose early close comes before the session would start, and a weekday without a session', () => {
    const afternoons = sessionClock({
      timezone: TZ,
      start: '13:00',
      end: '15:00',
      days: ['mon', 'wed', 'fri'],
      holidays: CME_HOLIDAYS_2026_2027,
    });
    const wednesdayEvening = at('2026-11-25T22:00:00Z');
    const until = lockEnd({ kind: 'untilSessionStart' }, wednesdayEvening, { schedule, session: afternoons })!;
    expect(lockEndText(until, wednesdayEvening, TZ, 'untilSessionStart')).toBe(
      'Mon Nov 30, 1:00 PM CT (Thanksgiving: market closed; day after Thanksgiving: early close; weekend)',
    );
    const tuesdayEvening = at('2026-11-24T22:00:00Z');
    const wednesday = lockEnd({ kind: 'untilSessionStart' }, at('2026-11-23T22:00:00Z'), { schedule, session: afternoons })!;
    expect(lockEndText(wednesday, at('2026-11-23T22:00:00Z'), TZ, 'untilSessionStart')).toBe('Wed Nov 25, 1:00 PM CT (no session)');
    expect(lockEndText(at('2026-11-25T19:00:00Z'), tuesdayEvening, TZ, 'untilSessionStart')).toBe('Wed Nov 25, 1:00 PM CT');
  });

  it('a weekly lock, a chosen time and a cooldown end when they end: no trading day they span is called skipped', () => {
    const tuesday = at('2026-11-24T16:00:00Z');
    const sunday = at('2026-11-29T23:00:00Z');
    expect(lockEndText(sunday, tuesday, TZ, 'untilWeeklyReset')).toBe('Sun Nov 29, 5:00 PM CT (the new trading week)');
    expect(lockEndText(at('2026-11-25T16:00:00Z'), tuesday, TZ, 'untilTime')).toBe('Wed Nov 25, 10:00 AM CT');
    expect(lockEndText(at('2026-11-24T17:00:00Z'), tuesday, TZ, 'cooldown')).toBe('11:00 AM CT');
  });
});
