/** Which of the login's accounts Risk Warden guards: those it is told to, or every one. */
import type { Account } from '../../shared/domain';

export class AccountGuard {
  /** `ids` empty = every account of the login. */
  constructor(private readonly ids: readonly number[]) {}

  covers(accountId: number): boolean {
    return this.ids.length === 0 || this.ids.includes(accountId);
  }

  /** The guarded accounts among the login's; an account to guard that the login lacks is an error. */
  select(accounts: Account[]): Account[] {
    const missing = this.ids.filter((id) => !accounts.some((a) => a.id === id));
    if (missing.length > 0) {
      const has = accounts.map((a) => `${a.id} ${a.name}`).join(', ') || 'no active accounts';
      throw new Error(`account${missing.length > 1 ? 's' : ''} ${missing.join(', ')} to guard not found for this login (it has ${has})`);
    }
    return accounts.filter((a) => this.covers(a.id));
  }
}
