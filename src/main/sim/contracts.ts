/** The simulator's contracts, real tick size and tick value, TopstepX-like fees per side: the one list tests, e2e and bench use. */
export interface SimContract {
  id: string;
  name: string;
  description: string;
  tickSize: number;
  tickValue: number;
  symbolId: string;
  feePerSide: number;
  startPrice: number;
}

/** Keyed by the symbol a trader types (symbolOfContractId of the id), for tests that name a contract. */
export const SIM_CONTRACTS_BY_SYMBOL = {
  MNQ: {
    id: 'CON.F.US.MNQ.Z26',
    name: 'MNQZ6',
    description: 'Micro E-mini Nasdaq-100: December 2026',
    tickSize: 0.25,
    tickValue: 0.5,
    symbolId: 'F.US.MNQ',
    feePerSide: 0.37,
    startPrice: 21000,
  },
  NQ: {
    id: 'CON.F.US.ENQ.Z26',
    name: 'NQZ6',
    description: 'E-mini NASDAQ-100: December 2026',
    tickSize: 0.25,
    tickValue: 5,
    symbolId: 'F.US.ENQ',
    feePerSide: 1.4,
    startPrice: 21000,
  },
  ES: {
    id: 'CON.F.US.EP.Z26',
    name: 'ESZ6',
    description: 'E-Mini S&P 500: December 2026',
    tickSize: 0.25,
    tickValue: 12.5,
    symbolId: 'F.US.EP',
    feePerSide: 1.4,
    startPrice: 6000,
  },
  MES: {
    id: 'CON.F.US.MES.Z26',
    name: 'MESZ6',
    description: 'Micro E-mini S&P 500: December 2026',
    tickSize: 0.25,
    tickValue: 1.25,
    symbolId: 'F.US.MES',
    feePerSide: 0.37,
    startPrice: 6000,
  },
} satisfies Record<string, SimContract>;

export const SIM_CONTRACTS: readonly SimContract[] = Object.values(SIM_CONTRACTS_BY_SYMBOL);
