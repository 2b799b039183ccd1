/** What Risk Warden should believe, read from the simulator's own books, and what it does believe. */
import type { Snapshot } from '../../src/shared/contract';
import { roundCents } from '../../src/shared/domain';
import { PositionType } from '../../src/main/gateway/wire';
import type { Simulator } from '../../src/main/sim/simulator';

interface SimState {
  accounts: { id: number; balance: number }[];
  positions: { contractId: string; type: number; size: number; averagePrice: number }[];
  trades: { profitAndLoss: number | null; fees: number; voided: boolean }[];
}

export async function simState(sim: Simulator): Promise<SimState> {
  return (await (await fetch(`${sim.url}/sim/state`)).json()) as SimState;
}

const byContract = (a: { contractId: string }, b: { contractId: string }) => a.contractId.localeCompare(b.contractId);

export function expectedFrom(state: SimState) {
  return {
    positions: state.positions
      .map((p) => ({ contractId: p.contractId, size: p.type === PositionType.Long ? p.size : -p.size, averagePrice: p.averagePrice }))
      .sort(byContract),
    realized: roundCents(state.trades.reduce((sum, t) => sum + (t.profitAndLoss ?? 0) - t.fees, 0)),
    balance: state.accounts[0]!.balance,
  };
}

export function believed(snapshot: Snapshot) {
  const account = snapshot.accounts[0]!;
  return {
    positions: account.positions.map((p) => ({ contractId: p.contractId, size: p.size, averagePrice: p.averagePrice })).sort(byContract),
    realized: account.pnl.realized,
    balance: account.balance,
  };
}
