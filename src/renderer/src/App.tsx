import { useRef, useState } from 'react';
import type { AccountView, Snapshot } from '../../shared/contract';
import { wallClock } from '../../shared/time-format';
import { AlertsToggle } from './alerts/AlertsToggle';
import { useAlerts } from './alerts/use-alerts';
import { AuditPanel } from './components/AuditPanel';
import { ConfigNotice } from './components/ConfigNotice';
import { ConnectionBadge } from './components/ConnectionBadge';
import { DemoPanel } from './components/DemoPanel';
import { JustEnforced } from './components/JustEnforced';
import { KillSwitchButton } from './components/KillSwitchButton';
import { LockoutBanner } from './components/LockoutBanner';
import { PnlChart } from './components/PnlChart';
import { PnlSummary } from './components/PnlSummary';
import { ProblemNotices } from './components/ProblemNotices';
import { PositionsTable } from './components/PositionsTable';
import { RulesPanel } from './components/RulesPanel';
import { SelfLockDialog } from './components/SelfLockDialog';
import { SettingsPanel } from './components/SettingsPanel';
import { StatusStrip } from './components/StatusStrip';
import { freshness, stripState, type Freshness } from './components/strip-state';
import { Timeline } from './components/Timeline';
import { UnlockDialog } from './components/UnlockDialog';
import { useServiceNow } from './service-clock';
import { showView, useDashboard, type View } from './store';

function AccountSection({
  account,
  timeline,
  timeZone,
  fresh,
  staleAfterMs,
}: {
  account: AccountView;
  timeline: Snapshot['timeline'];
  timeZone: string;
  fresh: Freshness;
  staleAfterMs: number;
}) {
  const [unlocking, setUnlocking] = useState(false);
  const [selfLocking, setSelfLocking] = useState(false);
  const unlockButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <section className="account" aria-labelledby={`account-name-${account.id}`} data-testid={`account-${account.id}`}>
      <header className="account-head">
        <h2 id={`account-name-${account.id}`} ref={heading} tabIndex={-1}>
          {account.name}
        </h2>
        {!account.canTrade && <span className="badge badge-bad">Trading disabled by the broker</span>}
        {account.rules.map(
          (rule) =>
            rule.override?.mode === 'suspended' && (
              <span key={rule.ruleId} className="badge badge-warn" data-testid="suspended-rule">
                {rule.title} {rule.override.text}
              </span>
            ),
        )}
        <button type="button" className="self-lock-open" onClick={() => setSelfLocking(true)} data-testid="self-lock-open">
          Lock me out…
        </button>
      </header>
      {selfLocking && <SelfLockDialog accountId={account.id} accountName={account.name} onClose={() => setSelfLocking(false)} />}
      {account.lockout && <LockoutBanner lockout={account.lockout} onUnlock={() => setUnlocking(true)} unlockButton={unlockButton} />}
      {unlocking && (
        <UnlockDialog
          accountId={account.id}
          accountName={account.name}
          lockout={account.lockout}
          preview={account.unlock}
          onClose={() => setUnlocking(false)}
          fallbackFocus={() => unlockButton.current ?? heading.current}
        />
      )}
      <JustEnforced entries={timeline} accountId={account.id} timeZone={timeZone} />
      <PnlSummary account={account} freshness={fresh} />
      <PnlChart account={account} timeZone={timeZone} />
      <div className="columns">
        <RulesPanel rules={account.rules} timeZone={timeZone} />
        <PositionsTable account={account} freshness={fresh} staleAfterMs={staleAfterMs} />
      </div>
    </section>
  );
}

/** Settings shows without a snapshot too: a service that cannot start is fixed there. */
function CurrentView({ view, snapshot, fresh }: { view: View; snapshot: Snapshot | null; fresh: Freshness }) {
  if (view === 'settings')
    return (
      <main className="page" id="content">
        <SettingsPanel />
      </main>
    );
  if (!snapshot)
    return (
      <main className="page" id="content">
        <p className="empty">Waiting for Risk Warden…</p>
      </main>
    );
  if (view === 'audit')
    return (
      <main className="page" id="content">
        <AuditPanel />
      </main>
    );
  return (
    <main className="main" id="content" data-freshness={fresh}>
      <div className="accounts">
        {snapshot.demo && <DemoPanel demo={snapshot.demo} accounts={snapshot.accounts} />}
        {snapshot.accounts.length === 0 && <p className="empty">No accounts on this login.</p>}
        {snapshot.accounts.map((account) => (
          <AccountSection
            key={account.id}
            account={account}
            timeline={snapshot.timeline}
            timeZone={snapshot.tradingDay.timezone}
            fresh={fresh}
            staleAfterMs={snapshot.marksStaleAfterMs}
          />
        ))}
      </div>
      <Timeline entries={snapshot.timeline} accounts={snapshot.accounts} timeZone={snapshot.tradingDay.timezone} />
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
  const now = useServiceNow();
  useAlerts(snapshot, transport);
  const state = stripState({ transport, snapshot, error, now });
  const timeZone = snapshot?.tradingDay.timezone ?? null;
  return (
    <div className="app">
      <header className="topbar">
        <h1>Risk Warden</h1>
        <div className="topbar-badges">
          {snapshot?.mode === 'demo' && (
            <span className="badge badge-info" title="Connected to the built-in simulator, not a real account">
              DEMO
            </span>
          )}
          <ConnectionBadge
            connection={snapshot?.connection ?? null}
            mode={snapshot?.mode ?? null}
            transport={transport}
            notRunning={snapshot ? null : error}
          />
          <AlertsToggle />
          {snapshot && <KillSwitchButton />}
        </div>
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
          <span className="muted reset" data-testid="next-reset">
            Next reset {wallClock(snapshot.tradingDay.nextReset, snapshot.tradingDay.timezone, now)}
          </span>
        )}
      </header>
      <StatusStrip
        state={state}
        now={now}
        timeZone={timeZone}
        dryRun={snapshot?.enforcementMode === 'dry_run'}
        severalAccounts={(snapshot?.accounts.length ?? 0) > 1}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {snapshot && <ProblemNotices problems={snapshot.problems} />}
      {snapshot && <ConfigNotice config={snapshot.config} />}
      <CurrentView view={view} snapshot={snapshot} fresh={freshness(state)} />
    </div>
  );
}
