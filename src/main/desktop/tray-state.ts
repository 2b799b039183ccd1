/**
 * What the tray shows for a snapshot: one of four icons and a tooltip with today's P&L and the
 * lock state. A lock outranks everything (it is still enforced after a reconnect), then a gateway
 * that is not live, then any rule at ≥ 80% of its limit.
 */
import type { ConnectionState, Snapshot } from '../../shared/contract';
import { signedMoney } from '../../shared/money';
import { wallClock } from '../../shared/time-format';

export type TrayIcon = 'ok' | 'warning' | 'locked' | 'disconnected';

export interface TrayState {
  icon: TrayIcon;
  tooltip: string;
}

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: 'connecting to the gateway',
  live: 'live',
  reconnecting: 'gateway connection lost, reconnecting',
  stale: 'market data stale',
  loggedOut: 'logged out by the gateway',
  failed: 'gateway connection failed',
};

export function trayState(snapshot: Snapshot | null): TrayState {
  if (!snapshot) return { icon: 'disconnected', tooltip: 'Risk Warden — starting' };
  const { accounts, connection, tradingDay } = snapshot;
  const lines = accounts.map((account) => {
    const lock = account.lockout;
    const lockText = !lock ? 'trading allowed' : lock.until ? `LOCKED until ${wallClock(lock.until, tradingDay.timezone)} (${lock.ruleId})` : `LOCKED until admin unlock (${lock.ruleId})`;
    return `${account.name}: ${signedMoney(account.pnl.total)} today · ${lockText}`;
  });
  const icon: TrayIcon = accounts.some((a) => a.lockout)
    ? 'locked'
    : connection.state !== 'live'
      ? 'disconnected'
      : accounts.some((a) => a.rules.some((r) => r.state === 'warning' || r.state === 'breached'))
        ? 'warning'
        : 'ok';
  const heading = `Risk Warden${snapshot.mode === 'demo' ? ' (demo)' : ''}${snapshot.enforcementMode === 'dry_run' ? ' — DRY RUN' : ''} — ${CONNECTION_LABEL[connection.state]}`;
  return { icon, tooltip: [heading, ...(lines.length ? lines : ['no accounts yet'])].join('\n') };
}
