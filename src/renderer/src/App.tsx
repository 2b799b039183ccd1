import { useState } from 'react';
import type { AccountView, Snapshot } from '../../shared/contract';
import { AuditPanel } from './components/AuditPanel';
import { ConfigNotice } from './components/ConfigNotice';
import { ConnectionBadge } from './components/ConnectionBadge';
import { LockoutBanner } from './components/LockoutBanner';
import { PnlChart } from './components/PnlChart';
import { PnlSummary } from './components/PnlSummary';
import { ProblemNotices } from './components/ProblemNotices';
import { PositionsTable } from './components/PositionsTable';
import { RulesPanel } from './components/RulesPanel';
import { SettingsPanel } from './components/SettingsPanel';
import { Timeline } from './components/Timeline';
import { UnlockDialog } from './components/UnlockDialog';
import { wallClock } from './format';
import { showView, useDashboard, type View } from './store';

function AccountSection({ account, timeZone }: { account: AccountView; timeZone: string }) {
  const [unlocking, setUnlocking] = useState(false);
  return (
    <section className="account" aria-label={`Account ${account.name}`} data-testid={`account-${account.id}`}>
      <header className="account-head">
        <h2>{account.name}</h2>
        {!account.canTrade && <span className="badge badge-bad">Trading disabled by the broker</span>}
        {account.rules.map(
          (rule) =>
            rule.override?.mode === 'suspended' && (
              <span key={rule.ruleId} className="badge badge-warn" data-testid="suspended-rule">
                {rule.title} {rule.override.text}
              </span>
            ),
        )}
      </header>
      {account.lockout && <LockoutBanner lockout={account.lockout} timeZone={timeZone} onUnlock={() => setUnlocking(true)} />}
      {unlocking && (
        <UnlockDialog accountId={account.id} accountName={account.name} preview={account.unlock} onClose={() => setUnlocking(false)} />
      )}
      <PnlSummary account={account} />
      <PnlChart account={account} />
      <div className="columns">
        <RulesPanel rules={account.rules} />
        <PositionsTable account={account} />
      </div>
    </section>
  );
}

/** Settings shows without a snapshot too: a service that cannot start is fixed there. */
function CurrentView({ view, snapshot }: { view: View; snapshot: Snapshot | null }) {
  if (view === 'settings')
    return (
      <main className="page">
        <SettingsPanel />
      </main>
    );
  if (!snapshot) return <p className="empty">Waiting for Risk Warden…</p>;
  if (view === 'audit')
    return (
      <main className="page">
        <AuditPanel />
      </main>
    );
  return (
    <main className="main">
      <div className="accounts">
        {snapshot.accounts.length === 0 && <p className="empty">No accounts on this login.</p>}
        {snapshot.accounts.map((account) => (
          <AccountSection key={account.id} account={account} timeZone={snapshot.tradingDay.timezone} />
        ))}
      </div>
      <Timeline entries={snapshot.timeline} />
    </main>
  );
}

const VIEWS: { id: View; label: string }[] = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'settings', label: 'Settings & rules' },
  { id: 'audit', label: 'Audit log' },
];

export function App() {
  const { snapshot, transport, error, view } = useDashboard();
  return (
    <div className="app">
      <header className="topbar">
        <h1>Risk Warden</h1>
        {snapshot?.mode === 'demo' && (
          <span className="badge badge-info" title="Connected to the built-in simulator, not a real account">
            DEMO
          </span>
        )}
        {snapshot?.enforcementMode === 'dry_run' && (
          <span className="badge badge-warn" title="Rules are evaluated and logged; no order is closed or cancelled">
            DRY RUN
          </span>
        )}
        <ConnectionBadge connection={snapshot?.connection ?? null} transport={transport} notRunning={snapshot ? null : error} />
        <nav className="tabs" aria-label="Views">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              className="tab"
              aria-current={view === v.id ? 'page' : undefined}
              onClick={() => showView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </nav>
        {snapshot && (
          <span className="muted reset">Next reset {wallClock(snapshot.tradingDay.nextReset, snapshot.tradingDay.timezone)}</span>
        )}
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {snapshot && <ProblemNotices problems={snapshot.problems} />}
      {snapshot && <ConfigNotice config={snapshot.config} />}
      <CurrentView view={view} snapshot={snapshot} />
    </div>
  );
}
