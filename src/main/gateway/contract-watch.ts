/**
 * Quotes for every contract an account holds or works an order in, and the spec of one that was
 * not in Contract/available, looked up once by its id.
 */
import type { Contract, ContractId } from '../../shared/domain';
import type { AccountSync } from '../engine/account-state';
import type { Logger } from '../log';
import type { ProjectXApi } from './projectx-api';
import type { RealtimeHubs } from './realtime';
import type { Session } from './session';

export interface ContractWatchDeps {
  api: Pick<ProjectXApi, 'contractById'>;
  session: Pick<Session, 'authed'>;
  logger: Logger;
  /** The hubs, once started. */
  hubs(): Pick<RealtimeHubs, 'watchContract'> | null;
  onContract(contract: Contract): void;
}

export class ContractWatch {
  private readonly known = new Set<ContractId>();

  constructor(private readonly deps: ContractWatchDeps) {}

  /** Specs the listener already has (Contract/available): not looked up again. */
  know(contracts: readonly Contract[]): void {
    for (const contract of contracts) this.known.add(contract.id);
  }

  async watchHeld(syncs: readonly AccountSync[]): Promise<void> {
    const ids = new Set<ContractId>();
    for (const sync of syncs) {
      for (const p of sync.positions) ids.add(p.contractId);
      for (const o of sync.orders) ids.add(o.contractId);
    }
    for (const id of ids) await this.watch(id);
  }

  async watch(contractId: ContractId): Promise<void> {
    const { api, session, logger } = this.deps;
    try {
      if (!this.known.has(contractId)) {
        this.known.add(contractId);
        const contract = await session.authed(() => api.contractById(contractId));
        if (contract) this.deps.onContract(contract);
      }
      await this.deps.hubs()?.watchContract(contractId);
    } catch (error) {
      logger.warn(`cannot watch ${contractId}: ${(error as Error).message}`);
    }
  }
}
