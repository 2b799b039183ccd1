import { describe, expect, it } from 'vitest';
import { NO_WEEK_BEFORE } from '../../../../src/main/engine/week-totals';
import { weeklyLossLimit, weeklyLossLimitConfigSchema, weeklyLossLimitRule } from '../../../../src/main/engine/rules/weekly-loss-limit';
import { accountWith, CONTRACTS, contextOf, fill, position } from '../../../helpers/states';

const CHICAGO = 'America/Chicago';
/** Sun Nov 29 2026, 5:00 PM CST: the weekly reset ending the week of Mon Nov 23 (contextOf's "now" is Tue Nov 24). */
const WEEK_END = Date.parse('2026-11-29T23:00:00Z');

const rule = (limit: number, includeUnrealized = false) =>
  weeklyLossLimitRule(weeklyLossLimitConfigSchema.parse({ limit, include_unrealized: includeUnrealized }), CHICAGO);

/** An account whose week's earlier days realized `before` and today `today` (net). */
function weekOf(before: number, today: number | null, options: Parameters<typeof accountWith>[0] = {}) {
  const fills = today === null ? [] : [fill(CONTRACTS.ES!.id, -1, today)];
  const account = accountWith({ ...options, fills: [...fills, ...(options.fills ?? [])] });
  account.weekBefore = { ...NO_WEEK_BEFORE, realized: before, end: WEEK_END };
  return account;
}

describe('RULE-016 weekly_loss_limit', () => {
  it.each([
    { before: -1000, today: -499.99, breach: false },
    { before: -1000, today: -500, breach: true },
    { before: -1499.99, today: null, breach: false },
    { before: -1500, today: null, breach: true },
    { before: -1600, today: 200, breach: false },
    { before: 0, today: -1500, breach: true },
  ])('limit −1,500: earlier days $before, today $today → breach $breach (reaching the limit breaks it)', ({ before, today, breach }) => {
    expect(rule(-1500).evaluate(contextOf(weekOf(before, today))).length > 0).toBe(breach);
  });

  it('counts today net of fees: −1,000 before, −497.19 gross with $2.80 fees holds; −497.20 reaches −1,500', () => {
    const today = (gross: number) => [fill(CONTRACTS.NQ!.id, 1, null, 1.4), fill(CONTRACTS.NQ!.id, -1, gross, 1.4)];
    expect(rule(-1500).evaluate(contextOf(weekOf(-1000, null, { fills: today(-497.19) })))).toEqual([]);
    expect(rule(-1500).evaluate(contextOf(weekOf(-1000, null, { fills: today(-497.2) })))).toHaveLength(1);
  });

  it('adds today’s open P&L only with include_unrealized', () => {
    // Long 1 MNQ at 21000 marked at 20900: −200 open.
    const account = weekOf(-1000, -300, { positions: [position('MNQ', 1, 21000)], marks: { [CONTRACTS.MNQ!.id]: 20900 } });
    expect(rule(-1500).evaluate(contextOf(account))).toEqual([]);
    expect(rule(-1500, true).evaluate(contextOf(account))[0]?.value).toBe(-1500);
  });

  it('asks to flatten and lock until the weekly reset, and says the week’s figure', () => {
    const [breach] = rule(-1500).evaluate(contextOf(weekOf(-1200, -320)));
    expect(breach).toMatchObject({
      ruleId: 'RULE-016',
      ruleName: 'weekly_loss_limit',
      category: 'hardLockout',
      remedy: { kind: 'flatten', lock: { kind: 'untilWeeklyReset' } },
      value: -1520,
      limit: -1500,
      message: 'Realized P&L this week -$1,520.00 has reached the weekly loss limit -$1,500.00',
    });
  });

  it('measures the week so far, today’s share and when the week resets', () => {
    const measure = rule(-1500).measure(contextOf(weekOf(-700, -120)));
    expect(measure).toMatchObject({ value: -820, limit: -1500 });
    expect(measure.usage).toBeCloseTo(820 / 1500, 10);
    expect(measure.summary).toBe('Week so far -$820.00 (today -$120.00) of -$1,500.00; resets Sun Nov 29, 5:00 PM CT');
  });

  it('counts a profitable week as nothing used', () => {
    expect(rule(-1500).measure(contextOf(weekOf(400, 100))).usage).toBe(0);
  });

  it('describes itself with its figures', () => {
    expect(rule(-1500).description).toBe(
      "Flattens and locks until the weekly reset when this week's realized P&L (net of fees) reaches -$1,500.00",
    );
    expect(rule(-1500, true).title).toBe('Weekly loss (realized + open)');
  });

  it('refuses a limit that is not a loss, naming why', () => {
    const result = weeklyLossLimitConfigSchema.safeParse({ limit: 1500 });
    expect(result.error?.issues[0]?.message).toBe('must be negative (a loss in USD, e.g. -1500)');
  });

  it('is stricter closer to zero and with open P&L counted; an admin unlock can only suspend it', () => {
    expect(weeklyLossLimit.strictness).toEqual({ largerIsStricter: ['limit'], onIsStricter: ['include_unrealized'] });
    expect(weeklyLossLimit.resumable).toBeUndefined();
  });
});
