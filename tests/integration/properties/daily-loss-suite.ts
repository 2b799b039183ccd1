/**
 * RULE-003 through the real service against the simulator, for random trading sequences (market
 * orders of 1–6 contracts on MNQ and MES, closes, price moves, REST reconciles, RULE-012 stops or
 * not), each played with every fill's messages delivered in every order of trading-sequence.ts.
 * One suite per include_unrealized setting, in a file each so that they run side by side.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playInEveryOrder, propertyParameters, stepsArbitrary, tradeManagementArbitrary, type Played } from './trading-sequence';
import { figureVerdict, limitVerdict, onceVerdict, sameEndVerdict } from './verdicts';

const TIMEOUT_MS = 600_000;

const scenarioArbitrary = fc.record({
  /** A daily loss limit between −50.00 and −400.00, in cents. */
  limit: fc.integer({ min: 5_000, max: 40_000 }).map((cents) => -cents / 100),
  tradeManagement: fc.option(tradeManagementArbitrary, { nil: null }),
  steps: stepsArbitrary({ reconciles: true, minLength: 4, maxLength: 12 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

export function dailyLossProperties(includeUnrealized: boolean, defaultRuns: number): void {
  describe(`RULE-003 daily loss with include_unrealized ${includeUnrealized}, fills delivered in every order (property)`, () => {
    const rulesOf = (scenario: Scenario) => ({
      daily_realized_loss: { limit: scenario.limit, include_unrealized: includeUnrealized },
      ...(scenario.tradeManagement ? { trade_management: scenario.tradeManagement } : {}),
    });

    const holds = (verdict: (plays: Played[], scenario: Scenario) => string[]) =>
      fc.assert(
        fc.asyncProperty(scenarioArbitrary, async (scenario) => {
          const plays = await playInEveryOrder(rulesOf(scenario), scenario.steps, scenario.seed);
          expect(verdict(plays, scenario)).toEqual([]);
        }),
        propertyParameters(defaultRuns),
      );

    it(
      'locks or closes only when the broker’s figure reached the limit, and always locks then',
      () => holds((plays, scenario) => plays.flatMap((p) => limitVerdict(p, scenario.limit))),
      TIMEOUT_MS,
    );

    it(
      'says in every breach message the figure the snapshot showed at that moment',
      () => holds((plays) => plays.flatMap((p) => figureVerdict(p, includeUnrealized))),
      TIMEOUT_MS,
    );

    it(
      'ends the same (lock and books) whatever order each fill’s messages arrive in',
      () => holds((plays) => sameEndVerdict(plays)),
      TIMEOUT_MS,
    );

    it('sends each close and each cancel to the broker once', () => holds((plays) => plays.flatMap(onceVerdict)), TIMEOUT_MS);
  });
}
