import type { Contract, ContractId, Quote } from '../../shared/domain';

/** Contract specs and last prices, shared by every account. */
export class MarketBook {
  private readonly contracts = new Map<ContractId, Contract>();
  private readonly marks = new Map<ContractId, number>();
  /** Kept beside the prices, not with them: a quote (the hot path) allocates nothing. */
  private readonly markTimes = new Map<ContractId, number | null>();

  addContract(contract: Contract): void {
    this.contracts.set(contract.id, contract);
  }

  contract(id: ContractId): Contract | undefined {
    return this.contracts.get(id);
  }

  /**
   * Takes the quote's price as the contract's mark. `at` is when it came, on the service's clock;
   * without it, the quote's own timestamp (which the gateway may leave frozen at the session open).
   */
  applyQuote(quote: Quote, at: number = timestampOf(quote)): void {
    this.marks.set(quote.contractId, quote.lastPrice);
    this.markTimes.set(quote.contractId, Number.isFinite(at) ? at : null);
  }

  mark(id: ContractId): number | undefined {
    return this.marks.get(id);
  }

  /** When the mark was last quoted (epoch ms), null when that is not known; undefined before the first quote. */
  markAt(id: ContractId): number | null | undefined {
    return this.markTimes.get(id);
  }
}

/** The quote's own time; NaN when it has none (an empty string, or the epoch the gateway uses for "unknown"). */
function timestampOf(quote: Quote): number {
  const at = Date.parse(quote.timestamp);
  return at > 0 ? at : NaN;
}
