import { describe, expect, it } from 'vitest';
import type { AccountView, TimelineEntry } from '../../../src/shared/contract';
import { AlertFeed, alertText, alertWorthy } from '../../../src/renderer/src/alerts/alert-feed';
import { dashboardState } from '../../../src/renderer/src/alerts/dashboard-state';
import { documentTitle } from '../../../src/renderer/src/alerts/document-title';
import { faviconHref, faviconSvg } from '../../../src/renderer/src/alerts/favicon';
import { accountView, rule, snapshotOf } from '../../helpers/snapshot';

const NOW = Date.parse('2026-11-24T15:00:00.000Z');
const LOCK: AccountView['lockout'] = {
  kind: 'untilReset',
  ruleId: 'RULE-003',
  reason: 'Daily loss limit reached',
  since: '2026-11-24T14:55:00.000Z',
  until: '2026-11-24T23:00:00.000Z',
  ruleTitle: 'Daily loss limit',
  untilText: '5:00 PM CT',
};

function position(markAgeMs: number | null): AccountView['positions'][number] {
  return {
    contractId: 'CON.F.US.MNQ.Z26',
    symbol: 'MNQ',
    size: 2,
    averagePrice: 21000,
    markPrice: 21001,
    markAt: markAgeMs === null ? null : new Date(NOW - markAgeMs).toISOString(),
    unrealized: 4,
  };
}

describe('the dashboard state in one word', () => {
  it('is offline when the page has lost Risk Warden, whatever the last figures said', () => {
    const snapshot = snapshotOf([accountView({ lockout: LOCK })]);
    expect(dashboardState(snapshot, 'closed', NOW)).toBe('offline');
    expect(dashboardState(snapshot, 'connecting', NOW)).toBe('offline');
    expect(dashboardState(null, 'open', NOW)).toBe('offline');
  });

  it('is locked when any account is locked, even with stale data and warnings', () => {
    const snapshot = snapshotOf([accountView(), accountView({ id: 7002, lockout: LOCK, rules: [rule('warning', 0.9)] })], {
      connection: { state: 'stale', detail: null, since: '' },
    });
    expect(dashboardState(snapshot, 'open', NOW)).toBe('locked');
  });

  it.each(['stale', 'reconnecting', 'connecting'] as const)('is stale while the connection to the broker is %s', (state) => {
    const snapshot = snapshotOf([accountView({ rules: [rule('warning', 0.9)] })], { connection: { state, detail: null, since: '' } });
    expect(dashboardState(snapshot, 'open', NOW)).toBe('stale');
  });

  it.each(['failed', 'loggedOut'] as const)('is not protected, even over a lock, when the broker session is %s', (state) => {
    const snapshot = snapshotOf([accountView({ lockout: LOCK })], { connection: { state, detail: null, since: '' } });
    expect(dashboardState(snapshot, 'open', NOW)).toBe('offline');
  });

  it.each([
    [15_000, 15_000, 'ok'],
    [15_001, 15_000, 'stale'],
    [30_000, 60_000, 'ok'],
    [null, 15_000, 'ok'],
  ] as const)('with a position quoted %s ms ago and marks stale after %s ms it is %s', (age, staleAfter, expected) => {
    const snapshot = snapshotOf([accountView({ positions: [position(age)] })], { marksStaleAfterMs: staleAfter });
    expect(dashboardState(snapshot, 'open', NOW)).toBe(expected);
  });

  it.each([
    ['ok', 'ok'],
    ['off', 'ok'],
    ['suspended', 'ok'],
    ['warning', 'warning'],
    ['breached', 'warning'],
  ] as const)('with a rule %s it is %s', (ruleState, expected) => {
    const snapshot = snapshotOf([accountView({ rules: [rule('ok', 0.1), rule(ruleState, 0.9)] })]);
    expect(dashboardState(snapshot, 'open', NOW)).toBe(expected);
  });
});

describe('the browser tab title', () => {
  it('names the locked account first', () => {
    const snapshot = snapshotOf([accountView(), accountView({ id: 7002, name: 'PRAC-V2-RW-DEMO-100K', lockout: LOCK })]);
    expect(documentTitle('locked', snapshot)).toBe('LOCKED · PRAC-V2-RW-DEMO-100K — Risk Warden');
  });

  it('counts the other locked accounts instead of running off the tab', () => {
    const locked = (id: number, name: string) => accountView({ id, name, lockout: LOCK });
    const snapshot = snapshotOf([locked(1, 'PRAC-A'), locked(2, 'PRAC-B'), locked(3, 'PRAC-C')]);
    expect(documentTitle('locked', snapshot)).toBe('LOCKED · PRAC-A +2 — Risk Warden');
  });

  it.each([
    ['offline', 'NOT PROTECTED — Risk Warden offline'],
    ['stale', 'Data stale — Risk Warden'],
    ['warning', 'Warning — Risk Warden'],
    ['ok', 'Risk Warden — OK'],
  ] as const)('reads %s as "%s"', (state, title) => {
    expect(documentTitle(state, snapshotOf([accountView()]))).toBe(title);
  });
});

describe('the favicon', () => {
  const states = ['ok', 'warning', 'locked', 'stale', 'offline'] as const;

  it('differs for every state', () => {
    expect(new Set(states.map(faviconHref)).size).toBe(states.length);
  });

  it('differs by shape, not colour alone', () => {
    const shapeOf = (state: (typeof states)[number]) =>
      faviconSvg(state)
        .replace(/#[0-9a-f]{3,6}/gi, '')
        .replace(/data-state="\w+"/, '');
    expect(new Set(states.map(shapeOf)).size).toBe(states.length);
  });

  it('is a data: URL of an SVG, the only images the page may load besides its own', () => {
    const href = faviconHref('locked');
    expect(href).toMatch(/^data:image\/svg\+xml,/);
    expect(decodeURIComponent(href.slice('data:image/svg+xml,'.length))).toBe(faviconSvg('locked'));
  });
});

function entry(id: number, kind: TimelineEntry['kind'], title = `${kind} ${id}`, accountId: number | null = 7001): TimelineEntry {
  return { id, at: '', kind, tone: 'info', accountId, title, detail: null };
}

describe('alerts in the browser', () => {
  it.each([
    ['breach', 'Max contracts breached', true],
    ['lockout', 'Locked until 5:00 PM CT', true],
    ['enforcement', 'Closed MNQ (6 contracts): max contracts', true],
    ['enforcement', 'Reduced MNQ by 2 contracts to 3: max contracts per instrument', true],
    ['enforcement', 'Could not close MNQ (6 contracts): max contracts', true],
    ['enforcement', 'Cancelled MNQ order 12', false],
    ['enforcement', 'No need to cancel MNQ order 12: already done', false],
    ['automation', 'Moved the stop of MNQ position to 21000', false],
    ['fill', 'Bought 2 MNQ', false],
    ['unlock', 'Unlocked', false],
  ] as const)('a %s entry "%s" alerts: %s', (kind, title, expected) => {
    expect(alertWorthy(entry(1, kind, title))).toBe(expected);
  });

  it('alerts any enforcement that went wrong, whatever its words', () => {
    expect(alertWorthy({ ...entry(1, 'enforcement', 'Cancelled MNQ order 12'), tone: 'bad' })).toBe(true);
    expect(alertWorthy({ ...entry(1, 'fill', 'Bought 2 MNQ'), tone: 'bad' })).toBe(false);
  });

  it('alerts nothing that was already in the timeline when the page opened', () => {
    const feed = new AlertFeed();
    expect(feed.fresh(snapshotOf([], { timeline: [entry(1, 'breach'), entry(2, 'lockout')] }))).toEqual([]);
  });

  it('alerts each new breach, close and lock once, oldest first', () => {
    const feed = new AlertFeed();
    feed.fresh(snapshotOf([], { timeline: [entry(1, 'fill')] }));
    const later = [entry(1, 'fill'), entry(4, 'lockout'), entry(2, 'breach'), entry(3, 'enforcement', 'Closed MNQ position')];
    expect(feed.fresh(snapshotOf([], { timeline: later })).map((e) => e.id)).toEqual([2, 3, 4]);
    expect(feed.fresh(snapshotOf([], { timeline: later }))).toEqual([]);
    expect(feed.fresh(snapshotOf([], { timeline: [...later, entry(5, 'breach')] })).map((e) => e.id)).toEqual([5]);
  });

  it('starts again, alerting nothing old, when a restarted Risk Warden numbers its timeline from 1', () => {
    const feed = new AlertFeed();
    feed.fresh(snapshotOf([], { timeline: [entry(40, 'fill')] }));
    expect(feed.fresh(snapshotOf([], { timeline: [entry(1, 'breach'), entry(2, 'lockout')] }))).toEqual([]);
    expect(
      feed.fresh(snapshotOf([], { timeline: [entry(1, 'breach'), entry(2, 'lockout'), entry(3, 'breach')] })).map((e) => e.id),
    ).toEqual([3]);
  });

  it('names the account, and keeps the detail as the body', () => {
    const snapshot = snapshotOf([accountView()]);
    const lock = { ...entry(9, 'lockout', 'Locked until 5:00 PM CT'), detail: 'Daily loss limit reached: −$512.00' };
    expect(alertText(lock, snapshot)).toEqual({
      title: 'PRAC-V2-RW-DEMO-50K: Locked until 5:00 PM CT',
      body: 'Daily loss limit reached: −$512.00',
      tag: 'risk-warden-9',
    });
    expect(alertText(entry(10, 'breach', 'Max contracts breached', 4242), snapshot).title).toBe('Account 4242: Max contracts breached');
    expect(alertText(entry(11, 'breach', 'Max contracts breached', null), snapshot).title).toBe('Max contracts breached');
  });
});
