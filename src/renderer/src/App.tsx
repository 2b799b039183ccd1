import type { AccountView } from '../../shared/contract';
import { ConfigNotice } from './components/ConfigNotice';
import { ConnectionBadge } from './components/ConnectionBadge';
import { LockoutBanner } from './components/LockoutBanner';
import { PnlSummary } from './components/PnlSummary';
import { PositionsTable } from './components/PositionsTable';
import { RulesPanel } from './components/RulesPanel';
import { Timeline } from './components/Timeline';
import { wallClock } from './format';
import { useDashboard } from './store';

function AccountSection({ account, timeZone }: { account: AccountView; timeZone: string }) {
  return (
    <section className="account" aria-label={`Account ${account.name}`} data-testid={`account-${account.id}`}>
      <header className="account-head">
        <h2>{account.name}</h2>
        {!account.canTrade && <span className="badge badge-bad">Trading disabled by the broker</span>}
      </header>
      {account.lockout && <LockoutBanner lockout={account.lockout} timeZone={timeZone} />}
      <PnlSummary account={account} />
      <div className="columns">
        <RulesPanel rules={account.rules} />
        <PositionsTable account={account} />
      </div>
    </section>
  );
}

export function App() {
  const { snapshot, transport, error } = useDashboard();
  return (
    <div className="app">
      <header className="topbar">
        <h1>Risk Warden</h1>
        {snapshot?.mode === 'demo' && <span className="badge badge-info" title="Connected to the built-in simulator, not a real account">DEMO</span>}
        {snapshot?.enforcementMode === 'dry_run' && <span className="badge badge-warn">DRY RUN</span>}
        <ConnectionBadge connection={snapshot?.connection ?? null} transport={transport} />
        {snapshot && <span className="muted reset">Next reset {wallClock(snapshot.tradingDay.nextReset, snapshot.tradingDay.timezone)}</span>}
      </header>
      {error && <p className="error" role="alert">{error}</p>}
      {snapshot && <ConfigNotice config={snapshot.config} />}
      {!snapshot ? (
        <p className="empty">Waiting for Risk Warden…</p>
      ) : (
        <main className="main">
          <div className="accounts">
            {snapshot.accounts.length === 0 && <p className="empty">No accounts on this login.</p>}
            {snapshot.accounts.map((account) => (
              <AccountSection key={account.id} account={account} timeZone={snapshot.tradingDay.timezone} />
            ))}
          </div>
          <Timeline entries={snapshot.timeline} />
        </main>
      )}
    </div>
  );
}
