/** The simulator's trading accounts as the gateway lists them (Account/search). */
export interface SimAccount {
  id: number;
  name: string;
  balance: number;
  canTrade: boolean;
  isVisible: boolean;
  simulated: boolean;
}

export const DEMO_ACCOUNTS: readonly SimAccount[] = [
  { id: 7001, name: 'PRAC-V2-RW-DEMO-50K', balance: 50_000, canTrade: true, isVisible: true, simulated: true },
];
