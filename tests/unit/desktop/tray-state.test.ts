import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountView, ConnectionState } from '../../../src/shared/contract';
import { notificationsSince } from '../../../src/main/desktop/notifications';
import { quitWarning } from '../../../src/main/desktop/quit-warning';
import { fitTooltip, MIN_TOOLTIP, trayState, WINDOWS_TOOLTIP_MAX } from '../../../src/main/desktop/tray-state';
import { ruleState } from '../../../src/shared/rules';
import { accountView, rule, snapshotOf } from '../../helpers/snapshot';

const lock = {
  kind: 'untilReset' as const,
  ruleId: 'RULE-003',
  reason: 'daily loss −556.34',
  since: '2026-11-24T15:00:00.000Z',
  until: '2026-11-24T23:00:00.000Z',
  ruleTitle: 'Daily realized loss',
  untilText: '5:00 PM CT',
};
const position = {
  contractId: 'CON.F.US.MNQ.Z26',
  symbol: 'MNQ',
  size: 2,
  averagePrice: 21000,
  markPrice: 21001,
  markAt: null,
  unrealized: 4,
};

describe('tray state', () => {
  it.each([
    ['ok', snapshotOf([accountView()])],
    ['warning', snapshotOf([accountView({ rules: [rule('ok', 0.1), rule('warning', 0.8)] })])],
    ['warning', snapshotOf([accountView({ rules: [rule('breached', 1.1)] })])],
    ['locked', snapshotOf([accountView({ lockout: lock, rules: [rule('breached', 1.1)] })])],
    ['locked', snapshotOf([accountView({ lockout: lock })], { connection: { state: 'reconnecting', detail: null, since: '' } })],
    [
      'disconnected',
      snapshotOf([accountView({ rules: [rule('warning', 0.9)] })], {
        connection: { state: 'reconnecting', detail: 'socket closed', since: '' },
      }),
    ],
    ['disconnected', snapshotOf([accountView()], { connection: { state: 'stale', detail: null, since: '' } })],
    ['disconnected', null],
  ] as const)('shows %s', (icon, snapshot) => {
    expect(trayState(snapshot).icon).toBe(icon);
  });

  it.each([
    [0.49, 'ok'],
    [0.5, 'warning'],
    [0.72, 'warning'],
    [0.86, 'warning'],
  ] as const)('follows the warning ladder: a rule at %d of its limit shows %s', (usage, icon) => {
    const state = ruleState(true, false, usage);
    expect(trayState(snapshotOf([accountView({ rules: [rule(state, usage)] })])).icon).toBe(icon);
  });

  it('shows locked for a rule whose card says it locked the account, and lists that account first', () => {
    const snapshot = snapshotOf([
      accountView({ id: 1, name: 'A', rules: [rule('warning', 0.9)] }),
      accountView({ id: 2, name: 'B', rules: [rule('locked', 1.2)] }),
    ]);
    expect(trayState(snapshot).icon).toBe('locked');
    expect(trayState(snapshot, { maxTooltip: 40 }).tooltip.split('\n')[1]).toMatch(/^B: /);
  });

  it("puts today's P&L and the lock's end in the trading timezone in the tooltip", () => {
    expect(trayState(snapshotOf([accountView({ lockout: lock })])).tooltip).toBe(
      'Risk Warden — live\nPRAC-V2-RW-DEMO-50K: -$100.50 today · LOCKED until 5:00 PM CT (RULE-003)',
    );
    expect(
      trayState(
        snapshotOf([accountView({ pnl: { realized: 250, unrealized: 0, total: 250, fees: 0 } })], {
          mode: 'demo',
          enforcementMode: 'dry_run',
        }),
      ).tooltip,
    ).toBe('Risk Warden (demo) — DRY RUN — live\nPRAC-V2-RW-DEMO-50K: +$250.00 today · trading allowed');
    expect(
      trayState(snapshotOf([accountView({ lockout: { ...lock, kind: 'untilAdmin', until: null, untilText: null } })])).tooltip,
    ).toContain('LOCKED until admin unlock (RULE-003)');
    const thanksgiving = { ...lock, until: '2026-11-27T14:30:00.000Z', untilText: 'Fri Nov 27, 8:30 AM CT (Thanksgiving: market closed)' };
    expect(trayState(snapshotOf([accountView({ lockout: thanksgiving })])).tooltip).toContain(
      'LOCKED until Fri Nov 27, 8:30 AM CT (Thanksgiving: market closed) (RULE-003)',
    );
  });
});

describe('tray tooltip within a length limit (Windows: 127)', () => {
  const adminLock = { ...lock, kind: 'untilAdmin' as const, until: null, untilText: null, ruleId: 'RULE-007' };
  const account = (n: number, overrides: Partial<AccountView> = {}) =>
    accountView({ id: 7000 + n, name: `TOPSTEP-50K-${n}`, ...overrides });
  const six = snapshotOf([
    account(1),
    account(2, { rules: [rule('warning', 0.85)] }),
    account(3),
    account(4, { lockout: lock }),
    account(5),
    account(6, { lockout: adminLock }),
  ]);

  it('is the whole text when it fits', () => {
    const snapshot = snapshotOf([accountView({ lockout: lock })]);
    expect(trayState(snapshot, { maxTooltip: WINDOWS_TOOLTIP_MAX })).toEqual(trayState(snapshot));
    expect(trayState(snapshot).menu).toEqual(trayState(snapshot).tooltip.split('\n'));
    expect(trayState(null, { maxTooltip: WINDOWS_TOOLTIP_MAX })).toEqual({
      icon: 'disconnected',
      tooltip: 'Risk Warden — starting',
      menu: ['Risk Warden — starting'],
    });
  });

  it('keeps the heading and the locked accounts first, lock before P&L, and says how many are left out', () => {
    const state = trayState(six, { maxTooltip: WINDOWS_TOOLTIP_MAX });
    expect(state.tooltip).toBe(
      'Risk Warden — live\nTOPSTEP-50K-4: LOCKED until 5:00 PM CT (RULE-003) · -$100.50 today\nTOPSTEP-50K-6: LOCKED until…\n+4 more',
    );
    expect(state.tooltip.length).toBeLessThanOrEqual(127);
    expect(trayState(six, { maxTooltip: 90 }).tooltip).toBe(
      'Risk Warden — live\nTOPSTEP-50K-4: LOCKED until 5:00 PM CT (RULE-003) · -$100.50…\n+5 more',
    );
    expect(trayState(six, { maxTooltip: 30 }).tooltip).toBe('Risk Warden — live\n+6 more');
    // The menu still lists every account whole, in account order.
    expect(state.menu).toEqual(trayState(six).tooltip.split('\n'));
    expect(state.menu).toHaveLength(7);
    expect(state.menu[6]).toBe('TOPSTEP-50K-6: -$100.50 today · LOCKED until admin unlock (RULE-007)');
  });

  it('puts accounts near a limit after the locked ones and before the rest', () => {
    const noLocks = snapshotOf([account(1), account(2), account(3, { rules: [rule('breached', 1.2)] })]);
    expect(trayState(noLocks, { maxTooltip: 100 }).tooltip).toBe(
      'Risk Warden — live\nTOPSTEP-50K-3: -$100.50 today · trading allowed\nTOPSTEP-50K-1: -$100.50…\n+1 more',
    );
  });

  it('cuts a single long line between words, keeping LOCKED', () => {
    const snapshot = snapshotOf([accountView({ lockout: { ...lock, kind: 'untilAdmin', until: null, untilText: null } })], {
      mode: 'demo',
      enforcementMode: 'dry_run',
      connection: { state: 'reconnecting', detail: null, since: '' },
    });
    expect(trayState(snapshot).tooltip.length).toBeGreaterThan(127);
    expect(trayState(snapshot, { maxTooltip: 127 }).tooltip).toBe(
      'Risk Warden (demo) — DRY RUN — gateway connection lost, reconnecting\nPRAC-V2-RW-DEMO-50K: LOCKED until admin unlock (RULE-003)…',
    );
  });

  it('fits facts given in order of importance and refuses a limit too small for any words', () => {
    expect(fitTooltip('Heading here', ['alpha beta gamma', 'delta'], 100)).toBe('Heading here\nalpha beta gamma\ndelta');
    expect(fitTooltip('Heading here', ['alpha beta gamma', 'delta'], 32)).toBe('Heading here\nalpha beta…\n+1 more');
    expect(fitTooltip('Heading here', ['alpha beta gamma', 'delta'], 31)).toBe('Heading here\n+2 more');
    expect(fitTooltip('Heading here', ['alphabetical', 'delta'], 30)).toBe('Heading here\n+2 more');
    expect(fitTooltip('A much longer heading than fits', ['x y'], 20)).toBe('A much longer…\nx y');
    expect(() => fitTooltip('Heading', [], MIN_TOOLTIP - 1)).toThrow(RangeError);
    // A heading alone (e.g. why the service is not running) is cut between words too.
    const problem = `Risk Warden — could not start: ${'the gateway refused the login for this user '.repeat(3)}`.trim();
    const fitted = fitTooltip(problem, [], WINDOWS_TOOLTIP_MAX);
    expect(fitted).toBe(
      'Risk Warden — could not start: the gateway refused the login for this user the gateway refused the login for this user the…',
    );
    expect(fitted.length).toBeLessThanOrEqual(127);
  });

  const lockArb = fc.oneof(fc.constant(null), fc.constant(lock), fc.constant(adminLock));
  const accountArb = fc.record({
    name: fc.stringMatching(/^[A-Z][A-Z0-9-]{2,24}( [A-Z0-9]{1,6})?$/),
    total: fc.double({ min: -100_000, max: 100_000, noNaN: true }),
    lockout: lockArb,
    rules: fc
      .constantFrom(['ok', 0.2], ['warning', 0.9], ['breached', 1.1])
      .map(([state, usage]) => [rule(state as 'ok' | 'warning' | 'breached', usage as number)]),
  });
  const snapshotArb = fc.record({
    accounts: fc.array(accountArb, { maxLength: 8 }),
    state: fc.constantFrom<ConnectionState>('connecting', 'live', 'reconnecting', 'stale', 'loggedOut', 'failed'),
    demo: fc.boolean(),
    dryRun: fc.boolean(),
    max: fc.integer({ min: MIN_TOOLTIP, max: 300 }),
  });

  it('for any snapshot and limit: within the limit, cut only between words, locked first, the rest counted', () => {
    fc.assert(
      fc.property(snapshotArb, ({ accounts, state, demo, dryRun, max }) => {
        const views = accounts.map((a, i) =>
          accountView({
            id: i,
            name: `${a.name}-${i}`,
            pnl: { realized: a.total, unrealized: 0, total: a.total, fees: 0 },
            lockout: a.lockout,
            rules: a.rules,
          }),
        );
        const snapshot = snapshotOf(views, {
          mode: demo ? 'demo' : 'live',
          enforcementMode: dryRun ? 'dry_run' : 'live',
          connection: { state, detail: null, since: '' },
        });
        const full = trayState(snapshot);
        const { tooltip, menu } = trayState(snapshot, { maxTooltip: max });
        expect(menu).toEqual(full.menu);
        expect(tooltip.length).toBeLessThanOrEqual(max);
        if (full.tooltip.length <= max) return void expect(tooltip).toBe(full.tooltip);

        const lines = tooltip.split('\n');
        const marker = /^\+(\d+) more$/.exec(lines.at(-1)!);
        const body = marker ? lines.slice(0, -1) : lines;
        // Every word shown is a whole word of the full text (a cut line ends in "…" after a whole word).
        const words = new Set(full.tooltip.split(/\s+/));
        for (const line of body) {
          const shown = line.endsWith('…') ? line.slice(0, -1).split(' ') : line.split(' ');
          shown.forEach((word, i) => {
            const whole =
              words.has(word) ||
              (line.endsWith('…') &&
                i === shown.length - 1 &&
                [...words].some((w) => w.startsWith(word) && /^[·—:,]+$/.test(w.slice(word.length))));
            expect(whole, `"${word}" in ${JSON.stringify(tooltip)}`).toBe(true);
          });
        }
        // After the heading, accounts: locked ones first.
        const heading = full.menu[0]!;
        expect(body[0] === heading || (body[0]!.endsWith('…') && heading.startsWith(body[0]!.slice(0, -1)))).toBe(true);
        if (!views.length)
          return void expect(body.length === 1 ? lines.at(-1) : body[1]).toMatch(body.length === 1 ? /^\+1 more$/ : /^no accounts…?/);
        const shownAccounts = body
          .slice(1)
          .map((line) => views.findIndex((view) => line.startsWith(`${view.name}:`) || `${view.name}…` === line));
        expect(shownAccounts.every((index) => index >= 0)).toBe(true);
        const locked = shownAccounts.map((index) => views[index]!.lockout !== null);
        expect(locked).toEqual([...locked].sort((a, b) => Number(b) - Number(a)));
        const hiddenLocked = views.filter((view, index) => view.lockout && !shownAccounts.includes(index)).length;
        if (hiddenLocked) expect(shownAccounts.every((index) => views[index]!.lockout)).toBe(true);
        // "+N more" counts exactly the accounts not shown at all.
        expect(marker ? Number(marker[1]) : 0).toBe(Math.max(views.length, 1) - shownAccounts.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('quit confirmation', () => {
  it('asks only when positions are open or an account is locked, and says enforcement stops', () => {
    expect(quitWarning(snapshotOf([accountView()]))).toBeNull();
    expect(quitWarning(null)).toBeNull();
    expect(quitWarning(snapshotOf([accountView({ positions: [position] })]))).toBe(
      '1 position is open. If Risk Warden quits, enforcement stops: no rule will close a position or keep a locked account flat until it runs again.',
    );
    expect(quitWarning(snapshotOf([accountView({ positions: [position, { ...position, symbol: 'ES' }], lockout: lock })]))).toMatch(
      /^2 positions are open and PRAC-V2-RW-DEMO-50K is locked\. If Risk Warden quits, enforcement stops/,
    );
  });
});

describe('desktop notifications', () => {
  it('notifies every new breach and lock once, oldest first, and nothing else', () => {
    const entry = (id: number, kind: 'breach' | 'lockout' | 'fill') => ({
      id,
      at: '',
      kind,
      tone: 'info' as const,
      accountId: 7001,
      title: `${kind} ${id}`,
      detail: null,
    });
    const snapshot = snapshotOf([], { timeline: [entry(5, 'lockout'), entry(4, 'breach'), entry(3, 'fill'), entry(2, 'breach')] });
    expect(notificationsSince(2, snapshot).map((e) => e.id)).toEqual([4, 5]);
    expect(notificationsSince(5, snapshot)).toEqual([]);
  });
});

describe('a rule an administrator suspended', () => {
  const suspended = {
    ...rule('suspended', 1.2),
    title: 'Daily realized loss',
    override: {
      mode: 'suspended' as const,
      grantedAt: '2026-11-24T16:42:00.000Z',
      until: '2026-11-24T23:00:00.000Z',
      ruleTitle: 'Daily realized loss',
      untilText: '5:00 PM CT',
      reason: 'desk approved',
      baseline: null,
      text: 'suspended until 5:00 PM CT (admin unlock at 10:42 AM, reason: desk approved)',
    },
  };

  it('is named in the tooltip with its end, the time of the unlock and the reason, and shows the warning icon', () => {
    const state = trayState(snapshotOf([accountView({ rules: [suspended] })]));
    expect(state.icon).toBe('warning');
    expect(state.tooltip).toBe(
      'Risk Warden — live\nPRAC-V2-RW-DEMO-50K: -$100.50 today · trading allowed · Daily realized loss suspended until 5:00 PM CT (admin unlock at 10:42 AM, reason: desk approved)',
    );
  });
});
