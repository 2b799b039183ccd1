import type { AccountView } from '../../../shared/contract';
import { money, signedMoney, tone } from '../format';
import type { Freshness } from './strip-state';

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

const NOTES: Record<Exclude<Freshness, 'live'>, string> = {
  offline: 'Last known figures: Risk Warden is not running, nothing here is updating.',
  stale: 'Prices are not current: open P&L may be out of date.',
};

/** Today's figures; dimmed and marked when they may be old (see the status strip for how old). */
export function PnlSummary({ account, freshness = 'live' }: { account: AccountView; freshness?: Freshness }) {
  return (
    <section className="figures-block" aria-label="Profit and loss today" data-testid="pnl-figures" data-freshness={freshness}>
      {freshness !== 'live' && (
        <p className="figures-note" data-testid="figures-note">
          {NOTES[freshness]}
        </p>
      )}
      <div className={`figures ${freshness === 'live' ? '' : 'dimmed'}`}>
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
      </div>
    </section>
  );
}
