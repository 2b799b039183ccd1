import type { Contract, ContractId, Quote } from '../../shared/domain';

/** Contract specs and last prices, shared by every account. */
export class MarketBook {
  private readonly contracts = new Map<ContractId, Contract>();
  private readonly marks = new Map<ContractId, number>();

  addContract(contract: Contract): void {
    this.contracts.set(contract.id, contract);
  }

  contract(id: ContractId): Contract | undefined {
    return this.contracts.get(id);
  }

  applyQuote(quote: Quote): void {
    this.marks.set(quote.contractId, quote.lastPrice);
  }

  mark(id: ContractId): number | undefined {
    return this.marks.get(id);
  }
}
