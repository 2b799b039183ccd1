/**
 * The broker's balance is the truth the one fee rule (normalise.ts `toFill`: `fees` only) is checked against.
 * Live, the stream's trade carries `commissions` besides `fees` and nothing says whether the balance pays them
 * on top (PROJECTX.md §10, §12). When a balance update follows a run of streamed fills and moves by exactly what
 * they booked less their commissions, the broker takes commissions on top of fees and Risk Warden's P&L (which
 * cannot: REST never reports them) is too high by that much: said once per account in the log. Anything else
 * (messages out of order, a fill in flight) proves nothing and is let go.
 */
import type { Logger } from '../log';
import type { UserMessage } from './normalise';

interface Run {
  balance: number | null;
  booked: number;
  commissions: number;
}

const CENT = 0.005;

export class FeeCheck {
  private readonly runs = new Map<number, Run>();
  private readonly told = new Set<number>();

  constructor(private readonly logger: Logger) {}

  observe(message: UserMessage): void {
    const { event } = message;
    if (event.type === 'fill') {
      const run = this.run(event.fill.accountId);
      run.booked += (event.fill.profitAndLoss ?? 0) - event.fill.fees;
      run.commissions += message.commissions ?? 0;
      return;
    }
    if (event.type !== 'account') return;
    const run = this.run(event.account.id);
    const moved = run.balance === null ? null : event.account.balance - run.balance;
    if (moved !== null && run.commissions > 0 && !this.told.has(event.account.id)) {
      if (Math.abs(moved - run.booked) > CENT && Math.abs(moved - (run.booked - run.commissions)) <= CENT) {
        this.told.add(event.account.id);
        this.logger.warn(
          `account ${event.account.id}: the balance moved by ${moved.toFixed(2)} for fills that booked ${run.booked.toFixed(2)}: ` +
            `the broker also took their commissions (${run.commissions.toFixed(2)}), which Risk Warden's P&L leaves out (fees only, as Trade/search reports them)`,
        );
      }
    }
    this.runs.set(event.account.id, { balance: event.account.balance, booked: 0, commissions: 0 });
  }

  private run(accountId: number): Run {
    let run = this.runs.get(accountId);
    if (!run) this.runs.set(accountId, (run = { balance: null, booked: 0, commissions: 0 }));
    return run;
  }
}
