import type { AccountView } from '../../../shared/contract';
import { money, signedMoney, tone } from '../format';

function Figure({ label, value, testId, signed = true }: { label: string; value: number; testId: string; signed?: boolean }) {
  return (
    <div className="figure">
      <span className="figure-label">{label}</span>
      <span className={`figure-value ${signed ? tone(value) : ''}`} data-testid={testId}>
        {signed ? signedMoney(value) : money(value)}
      </span>
    </div>
  );
}

export function PnlSummary({ account }: { account: AccountView }) {
  return (
    <section className="figures" aria-label="Profit and loss today">
      <Figure label="Realized P&L" value={account.pnl.realized} testId="pnl-realized" />
      <Figure label="Unrealized P&L" value={account.pnl.unrealized} testId="pnl-unrealized" />
      <Figure label="Total P&L" value={account.pnl.total} testId="pnl-total" />
      <div className="figure">
        <span className="figure-label">Trades today</span>
        <span className="figure-value" data-testid="trade-count">
          {account.tradeCount}
        </span>
      </div>
      <Figure label="Balance" value={account.balance} testId="balance" signed={false} />
    </section>
  );
}
