/**
 * RULE-012 trade_management (breakeven, trailing) through the real service against the
 * simulator, for random trading sequences with every fill's messages delivered in every order of
 * trading-sequence.ts: Risk Warden's stops never outlive or outgrow the position they protect.
 *
 * Default: seed 14, a few runs. More:
 *   RW_PROPERTY_RUNS=500 RW_PROPERTY_SEED=<any integer> npx vitest run tests/integration/properties
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playInEveryOrder, propertyParameters, stepsArbitrary, tradeManagementArbitrary, type Played } from './trading-sequence';
import { onceVerdict, orphanVerdict, oversizeVerdict, sameEndVerdict } from './verdicts';

const RUNS = 24;
const TIMEOUT_MS = 600_000;

const scenarioArbitrary = fc.record({
  tradeManagement: tradeManagementArbitrary,
  steps: stepsArbitrary({ reconciles: true, minLength: 4, maxLength: 14 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

describe('RULE-012 trade management, fills delivered in every order (property)', () => {
  const holds = (verdict: (plays: Played[]) => string[]) =>
    fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario: Scenario) => {
        const plays = await playInEveryOrder({ trade_management: scenario.tradeManagement }, scenario.steps, scenario.seed);
        expect(verdict(plays)).toEqual([]);
      }),
      propertyParameters(RUNS),
    );

  it(
    'leaves no order of its own working on a flat contract once a step’s events are applied, and opens no position itself',
    () => holds((plays) => plays.flatMap(orphanVerdict)),
    TIMEOUT_MS,
  );

  it(
    'keeps its stops on the exit side and no larger than the position, so that filled they cannot open or add to one',
    () => holds((plays) => plays.flatMap(oversizeVerdict)),
    TIMEOUT_MS,
  );

  it('sends each close and each cancel to the broker once', () => holds((plays) => plays.flatMap(onceVerdict)), TIMEOUT_MS);

  it('ends the same (books) whatever order each fill’s messages arrive in', () => holds((plays) => sameEndVerdict(plays)), TIMEOUT_MS);
});
