/** The service's StoreWrites over a test store, for units that record through it; the problems it shows can be read. */
import type { Problem } from '../../../src/shared/contract';
import { Problems } from '../../../src/main/service/problems';
import { StoreWrites } from '../../../src/main/service/store-writes';
import type { RiskStore } from '../../../src/main/store/risk-store';
import { FakeClock } from '../../helpers/fake-clock';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export function recorderOf(store: RiskStore, file = 'riskwarden.db', limit?: number): StoreWrites & { shown(): Omit<Problem, 'since'>[] } {
  const problems = new Problems({ clock: new FakeClock(0), journal: { add() {} } });
  const writes = new StoreWrites({ store, file, problems, logger: silent, ...(limit === undefined ? {} : { limit }) });
  return Object.assign(writes, { shown: () => problems.list().map(({ since: _since, ...problem }) => problem) });
}
