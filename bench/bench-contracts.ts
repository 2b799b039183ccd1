/**
 * The contracts the live benchmarks trade and stream: the equity-index four, one lot each within
 * the bench's max_contracts of 5. The simulator lists more (an asset class each, issue 13); holding
 * them all would break that limit and the bench would wait for positions Risk Warden closed.
 */
import { SIM_CONTRACTS_BY_SYMBOL } from '../src/main/sim/contracts';

export const BENCH_CONTRACTS = [
  SIM_CONTRACTS_BY_SYMBOL.MNQ,
  SIM_CONTRACTS_BY_SYMBOL.MES,
  SIM_CONTRACTS_BY_SYMBOL.NQ,
  SIM_CONTRACTS_BY_SYMBOL.ES,
];
