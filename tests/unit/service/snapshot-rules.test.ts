import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/main/config/loader';
import type { AccountState } from '../../../src/main/engine/account-state';
import { RuleEngine } from '../../../src/main/engine/rule-engine';
import { armRules } from '../../../src/main/engine/rules';
import { Enforcer } from '../../../src/main/enforcement/enforcer';
import { Lockouts } from '../../../src/main/enforcement/lockouts';
import { tradingDayAt } from '../../../src/main/schedule/trading-day';
import { accountView } from '../../../src/main/service/snapshot';
import { enforcementParts } from '../../helpers/enforcement';
import { accountWith, CONTRACTS, contextOf, fill, position } from '../../helpers/states';

const config = parseConfig(fs.readFileSync('config/risk-config.all-rules.yaml', 'utf8'), 'risk-config.all-rules.yaml');
const TZ = 'America/Chicago';
const schedule = { timezone: TZ, resetTime: '17:00' };

/** The service's rules, lock book and enforcer over a test store, as the snapshot reads them. */
function service() {
  const { recorder, store, executor } = enforcementParts();
  const { rules, session } = armRules(config);
  const engine = new RuleEngine(rules);
  const lockouts = new Lockouts(store, recorder, () => ({ schedule, session }));
  const enforcer = new Enforcer(recorder, lockouts, executor, { add() {} });
  /** Judges the account at `now` as the pipeline does, with the event that came, and enforces. */
  const judge = (account: AccountState, now: number, event: ReturnType<typeof contextOf>['event'] = null) =>
    enforcer.handle(account, engine.evaluate({ ...contextOf(account, event), now }), now);
  const view = (account: AccountState, now: number) =>
    accountView(account, {
      accounts: [account],
      market: account.market,
      engine,
      enforcer,
      lockouts,
      now,
      loggedOut: false,
      timeZone: TZ,
      dayEnd: tradingDayAt(now, schedule).end,
    });
  return { judge, view };
}

const card = (view: ReturnType<ReturnType<typeof service>['view']>, ruleId: string) => view.rules.find((r) => r.ruleId === ruleId)!;

describe('the rule that locked the account shows Locked', () => {
  it('a position held after the session: the session rule locks, says so, and the lock says until when in words', () => {
    const { judge, view } = service();
    const account = accountWith({ positions: [position('MNQ', 1)] });
    const tuesdayEvening = Date.parse('2026-11-24T22:00:00Z'); // 4:00 PM CT
    judge(account, tuesdayEvening);
    const shown = view(account, tuesdayEvening);
    expect(card(shown, 'RULE-009')).toMatchObject({ state: 'locked', gauge: false, step: null });
    expect(shown.lockout).toMatchObject({
      kind: 'untilSessionStart',
      ruleId: 'RULE-009',
      ruleTitle: 'Trading session',
      until: '2026-11-25T14:30:00.000Z',
      untilText: 'Wed Nov 25, 8:30 AM CT',
    });
    expect(shown.rules.filter((r) => r.state === 'locked').map((r) => r.ruleId)).toEqual(['RULE-009']);
  });

  it('the Wednesday before Thanksgiving 2026: the lock skips Thursday and says why', () => {
    const { judge, view } = service();
    const account = accountWith({ positions: [position('MNQ', 1)] });
    const wednesdayEvening = Date.parse('2026-11-25T22:00:00Z');
    judge(account, wednesdayEvening);
    expect(view(account, wednesdayEvening).lockout?.untilText).toBe('Fri Nov 27, 8:30 AM CT (Thanksgiving: market closed)');
  });

  it('a fourth trade in a minute: trade frequency shows Locked, not Warning or Breached, past its limit', () => {
    const { judge, view } = service();
    const T0 = Date.parse('2026-11-24T15:00:00Z');
    const fills = [0.9, 0.6, 0.3, 0].map((m, i) => ({
      ...fill(CONTRACTS.MNQ!.id, 1, null, 0, 950 + i),
      timestamp: new Date(T0 - m * 60_000).toISOString(),
    }));
    const account = accountWith({ fills });
    judge(account, T0, { type: 'fill', fill: fills[3]! });
    const shown = view(account, T0);
    expect(card(shown, 'RULE-006')).toMatchObject({ state: 'locked', value: 4, limit: 3, summary: '4 of 3 trades in a minute' });
    expect(shown.lockout).toMatchObject({ kind: 'cooldown', ruleTitle: 'Trade frequency', untilText: '9:01 AM CT' });
  });
});

describe('the warning ladder and the yes/no rules', () => {
  const T0 = Date.parse('2026-11-24T15:00:00Z');

  it.each([
    [-240, 0.48, null, 'ok'],
    [-250, 0.5, 0.5, 'warning'],
    [-360, 0.72, 0.7, 'warning'],
    [-430, 0.86, 0.85, 'warning'],
  ])('a realized loss of %d uses %d of the limit: step %s, %s', (loss, usage, step, state) => {
    const { view } = service();
    const account = accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, loss)] });
    expect(card(view(account, T0), 'RULE-003')).toMatchObject({ usage, step, state, gauge: true });
  });

  it('keeps a yes/no rule OK and without a step however far into the session it is', () => {
    const { view } = service();
    const lateSession = Date.parse('2026-11-24T20:00:00Z'); // 2:00 PM CT, 85% of the session gone
    expect(card(view(accountWith(), lateSession), 'RULE-009')).toMatchObject({ state: 'ok', step: null, gauge: false, imminent: null });
  });

  it("gives each card its rule's description and a plain summary", () => {
    const { view } = service();
    const rule001 = card(view(accountWith({ positions: [position('MNQ', 2)] }), T0), 'RULE-001');
    expect(rule001).toMatchObject({
      description: 'Closes the position that takes you past 5 contracts open (net)',
      summary: '2 of 5 contracts',
    });
    expect(card(view(accountWith({ fills: [fill(CONTRACTS.NQ!.id, -1, -86)] }), T0), 'RULE-003').summary).toBe('-$86.00 of -$500.00');
  });
});

describe('what is about to happen, and how old a mark is', () => {
  const T0 = Date.parse('2026-11-24T15:00:00Z');

  it('puts the close of a position without a stop on its card, with the time as ISO', () => {
    const { view } = service();
    const account = accountWith({ positions: [position('MNQ', 1)] });
    account.updateProtection(T0 - 4_000);
    expect(card(view(account, T0), 'RULE-008').imminent).toEqual({
      at: '2026-11-24T15:00:06.000Z',
      text: 'MNQ will be closed unless a stop is placed',
    });
  });

  it('puts the flatten at the session end on the session card 14 minutes before, not 16', () => {
    const { view } = service();
    const account = accountWith({ positions: [position('MNQ', 1)] });
    const end = Date.parse('2026-11-24T21:00:00Z');
    expect(card(view(account, end - 16 * 60_000), 'RULE-009').imminent).toBeNull();
    expect(card(view(account, end - 14 * 60_000), 'RULE-009').imminent).toEqual({
      at: '2026-11-24T21:00:00.000Z',
      text: 'positions will be flattened: the session ends',
    });
  });

  it('stamps each position with the time its mark was quoted, null before the first quote', () => {
    const { view } = service();
    const account = accountWith({ positions: [position('MNQ', 1), position('ES', 1)] });
    account.market.applyQuote({ contractId: CONTRACTS.MNQ!.id, lastPrice: 101, bestBid: null, bestAsk: null, timestamp: '' }, T0 - 1_500);
    const positions = view(account, T0).positions;
    expect(positions.map((p) => [p.symbol, p.markPrice, p.markAt])).toEqual([
      ['MNQ', 101, '2026-11-24T14:59:58.500Z'],
      ['ES', null, null],
    ]);
  });
});
