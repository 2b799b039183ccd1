/**
 * RULE-003 with include_unrealized: false (realized net of fees only), judged against the
 * broker's books in every delivery order (see daily-loss-suite.ts). Default: seed 14, a few runs.
 * More: RW_PROPERTY_RUNS=500 RW_PROPERTY_SEED=<any integer> npx vitest run tests/integration/properties
 */
import { dailyLossProperties } from './daily-loss-suite';

dailyLossProperties(false, 24);
