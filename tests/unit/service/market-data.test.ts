import { describe, expect, it } from 'vitest';
import { riskConfigSchema } from '../../../src/main/config/schema';
import { MarketData, needsQuotes } from '../../../src/main/service/market-data';
import { Problems } from '../../../src/main/service/problems';
import { Timeline } from '../../../src/main/service/timeline';
import { FakeClock } from '../../helpers/fake-clock';

function marketData() {
  const clock = new FakeClock(Date.parse('2026-11-24T15:00:00Z'));
  const timeline = new Timeline(clock, () => {});
  const problems = new Problems({ clock, journal: timeline });
  let changes = 0;
  return { timeline, problems, data: new MarketData({ problems, changed: () => changes++ }), changes: () => changes };
}

describe('market data that cannot come', () => {
  it('is one problem naming the rules that cannot run, and the cards of those rules say so, until a quote comes', () => {
    const { problems, data, timeline, changes } = marketData();
    data.report('the market hub refused this login (401)');
    data.report('the market hub refused this login (401)');
    expect(problems.list()).toEqual([
      {
        kind: 'marketData',
        title: 'No market data',
        detail:
          'the market hub refused this login (401): open-P&L rules (RULE-004, RULE-005, RULE-012, include_unrealized) cannot run; every other rule is enforced',
        since: '2026-11-24T15:00:00.000Z',
      },
    ]);
    expect(data.cardSummary()).toBe('Cannot run: no market data (the market hub refused this login (401))');
    data.report(null); // the hub is connected again: not proof that quotes flow
    expect(problems.list()).toHaveLength(1);
    data.quoteSeen();
    data.quoteSeen();
    expect(problems.list()).toEqual([]);
    expect(data.cardSummary()).toBeNull();
    expect(timeline.latest(10).map((e) => e.title)).toEqual([
      'No market data',
      'Market data is back: quotes are flowing, open-P&L rules run again',
    ]);
    expect(changes()).toBe(2);
  });

  it.each([
    ['RULE-004', {}, true],
    ['RULE-005', {}, true],
    ['RULE-012', {}, true],
    ['RULE-003', { daily_realized_loss: { limit: -500 } }, false],
    ['RULE-003', { daily_realized_loss: { limit: -500, include_unrealized: true } }, true],
    ['RULE-001', {}, false],
    ['RULE-008', {}, false],
  ])('%s with %j needs quotes: %s', (ruleId, rules, needed) => {
    expect(needsQuotes(ruleId, riskConfigSchema.parse({ rules }).rules)).toBe(needed);
  });
});
