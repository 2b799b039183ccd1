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

/**
 * Keyed by the symbol a trader types, for tests that name a contract. Shaped as the live gateway
 * lists them (PROJECTX.md §13): the name is the symbol, a month letter and a one-digit year; the
 * id's product segment is often another code (ZN is TYA, 6E is EU6). One contract per asset class
 * at least; the equity index contracts come first, in this order, as tests and benches index them.
 */
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
  ZN: {
    id: 'CON.F.US.TYA.Z26',
    name: 'ZNZ6',
    description: '10-Year U.S. Treasury Note: December 2026',
    tickSize: 0.015625,
    tickValue: 15.625,
    symbolId: 'F.US.TYA',
    feePerSide: 1.0,
    startPrice: 112.5,
  },
  '6E': {
    id: 'CON.F.US.EU6.Z26',
    name: '6EZ6',
    description: 'Euro FX: December 2026',
    tickSize: 0.00005,
    tickValue: 6.25,
    symbolId: 'F.US.EU6',
    feePerSide: 1.62,
    startPrice: 1.17,
  },
  CL: {
    id: 'CON.F.US.CLE.Z26',
    name: 'CLZ6',
    description: 'Crude Oil: December 2026',
    tickSize: 0.01,
    tickValue: 10,
    symbolId: 'F.US.CLE',
    feePerSide: 1.52,
    startPrice: 65,
  },
  NG: {
    id: 'CON.F.US.NGE.Z26',
    name: 'NGZ6',
    description: 'Natural Gas (Henry Hub): December 2026',
    tickSize: 0.001,
    tickValue: 10,
    symbolId: 'F.US.NGE',
    feePerSide: 1.6,
    startPrice: 3.5,
  },
  GC: {
    id: 'CON.F.US.GCE.Z26',
    name: 'GCZ6',
    description: 'Gold: December 2026',
    tickSize: 0.1,
    tickValue: 10,
    symbolId: 'F.US.GCE',
    feePerSide: 1.62,
    startPrice: 3400,
  },
  ZC: {
    id: 'CON.F.US.ZCE.Z26',
    name: 'ZCZ6',
    description: 'Corn: December 2026',
    tickSize: 0.25,
    tickValue: 12.5,
    symbolId: 'F.US.ZCE',
    feePerSide: 2.12,
    startPrice: 425,
  },
} satisfies Record<string, SimContract>;

export const SIM_CONTRACTS: readonly SimContract[] = Object.values(SIM_CONTRACTS_BY_SYMBOL);
