/**
 * The symbol a trader types (MNQ, ZN, 6E) and how Risk Warden learns it. The gateway's contract id
 * does not say it: its product segment is often another code (ZN trades as `CON.F.US.TYA.U26`, 6E
 * as `CON.F.US.EU6.U26`). The contract's `name` does (`ZNU6`): the symbol, a month letter and the
 * year. PROJECTX.md §13.
 */
import type { Contract, ContractId } from './domain';

/**
 * Every product segment seen live (TopstepX, August 2026) that is not the traded symbol, with the
 * symbol it trades as. A segment here is never itself a traded symbol, so a config naming one is
 * refused with the symbol to write instead.
 */
export const SEGMENT_SYMBOLS: Readonly<Record<string, string>> = {
  ENQ: 'NQ',
  EP: 'ES',
  CLE: 'CL',
  MCLE: 'MCL',
  GCE: 'GC',
  SIE: 'SI',
  BP6: '6B',
  CA6: '6C',
  DA6: '6A',
  EU6: '6E',
  JY6: '6J',
  SF6: '6S',
  MX6: '6M',
  NE6: '6N',
  EEU: 'E7',
  CPE: 'HG',
  GLE: 'LE',
  GMET: 'MET',
  HOE: 'HO',
  NGE: 'NG',
  NQG: 'QG',
  NQM: 'QM',
  PLE: 'PL',
  RBE: 'RB',
  TYA: 'ZN',
  USA: 'ZB',
  ULA: 'UB',
  FVA: 'ZF',
  TUA: 'ZT',
  TNA: 'TN',
  ZCE: 'ZC',
  ZLE: 'ZL',
  ZME: 'ZM',
  ZSE: 'ZS',
  ZWA: 'ZW',
};

/**
 * Symbol, month letter, year: `MNQU6` (live, one-digit year) or `MNQU26`. Unambiguous either way:
 * the year is every digit after the last letter, and the letter before it must be a month code.
 */
const CONTRACT_NAME = /^([A-Z0-9]+?)[FGHJKMNQUVXZ](\d{1,2})$/;

/** `MNQU6` → `MNQ`, `6EZ6` → `6E`, `ZNU26` → `ZN`; a name of another shape is kept whole. */
export function tradedSymbol(contractName: string): string {
  return CONTRACT_NAME.exec(contractName)?.[1] ?? contractName;
}

/** `CON.F.US.TYA.U26` → `TYA`: the gateway's code for the product, not what a trader types. */
export function productSegment(contractId: ContractId): string | undefined {
  return contractId.split('.')[3];
}

/** The traded symbol a product segment stands for, when it is one of the segments that differ. */
export function symbolForSegment(segment: string): string | undefined {
  return Object.hasOwn(SEGMENT_SYMBOLS, segment) ? SEGMENT_SYMBOLS[segment] : undefined;
}

/** Where contract specs are known by id: the market book. */
export interface ContractLookup {
  contract(id: ContractId): Contract | undefined;
}

/**
 * The symbol to show and match for a contract id: its contract's traded symbol, or, while its spec
 * is not known, the id itself — never a guess from the id, which would match the wrong config key
 * or none. An id never equals a config symbol (those are [A-Z0-9] only).
 */
export function symbolOf(contracts: ContractLookup, contractId: ContractId): string {
  return contracts.contract(contractId)?.symbol ?? contractId;
}
