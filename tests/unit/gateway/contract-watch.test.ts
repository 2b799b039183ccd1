import { describe, expect, it } from 'vitest';
import type { Contract } from '../../../src/shared/domain';
import type { AccountSync } from '../../../src/main/engine/account-state';
import { ContractWatch } from '../../../src/main/gateway/contract-watch';

const MNQ: Contract = {
  id: 'CON.F.US.MNQ.H31',
  name: 'MNQH1',
  description: 'Micro E-mini Nasdaq-100',
  tickSize: 0.25,
  tickValue: 0.5,
  symbol: 'MNQ',
};
const ES = 'CON.F.US.EP.H31';

function setup(options: { lookupFails?: boolean } = {}) {
  const lookedUp: string[] = [];
  const subscribed: string[] = [];
  const specs: Contract[] = [];
  const warnings: string[] = [];
  const watch = new ContractWatch({
    api: {
      contractById: async (id) => {
        lookedUp.push(id);
        if (options.lookupFails) throw new Error('Contract/searchById: HTTP 503');
        return id === ES ? { ...MNQ, id: ES, name: 'ESH1', symbol: 'ES' } : null;
      },
    },
    session: { authed: (call) => call() },
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    hubs: () => ({ watchContract: async (id) => void subscribed.push(id) }),
    onContract: (contract) => specs.push(contract),
  });
  return { watch, lookedUp, subscribed, specs, warnings };
}

describe('contract watch', () => {
  it('subscribes quotes for every contract held or worked, looking up only the specs not yet known, once', async () => {
    const { watch, lookedUp, subscribed, specs } = setup();
    watch.know([MNQ]);
    const sync = (contractIds: string[]): AccountSync => ({
      accountId: 7001,
      positions: contractIds.map((contractId) => ({ accountId: 7001, contractId, size: 1, averagePrice: 1 })),
      orders: [],
      fills: [],
    });
    await watch.watchHeld([sync([MNQ.id, ES]), sync([ES])]);
    await watch.watch(ES);
    expect(lookedUp).toEqual([ES]);
    expect(specs.map((c) => c.id)).toEqual([ES]);
    expect(subscribed).toEqual([MNQ.id, ES, ES]);
  });

  it('logs a contract it cannot look up and does not try its spec again', async () => {
    const { watch, lookedUp, subscribed, warnings } = setup({ lookupFails: true });
    await watch.watch(ES);
    await watch.watch(ES);
    expect(warnings).toEqual([`cannot watch ${ES}: Contract/searchById: HTTP 503`]);
    expect(lookedUp).toEqual([ES]);
    expect(subscribed).toEqual([ES]);
  });
});
