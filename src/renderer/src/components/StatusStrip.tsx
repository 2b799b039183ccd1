/**
 * One line under the top bar, on every tab, saying whether the trader is protected right now. Its
 * sentence is a polite live region that changes only when the state does; the countdown and the
 * ages tick beside it, outside the region, so a screen reader is not read a number every second.
 */
import { countdown, wallClock } from '../../../shared/time-format';
import { age } from '../format';
import type { StripLock, StripState } from './strip-state';

const LABELS: Record<StripState['kind'], string> = {
  connecting: 'Connecting',
  offline: 'Not protected',
  unprotected: 'Not protected',
  locked: 'Locked',
  stale: 'Data stale',
  warning: 'Warning',
  ok: 'OK',
};

function lockSentence(lock: StripLock): string {
  const until = lock.untilText ? `until ${lock.untilText}` : 'until an administrator unlocks it';
  return `${lock.accountName} locked by ${lock.ruleTitle} ${until}`;
}

/** The sentence of the live region: the same text for as long as the state lasts. */
function sentence(state: StripState, severalAccounts: boolean): string {
  switch (state.kind) {
    case 'connecting':
      return 'Connecting to Risk Warden…';
    case 'offline':
      return 'Risk Warden is not running: your accounts are NOT protected. Enforcement has stopped; the figures below are the last known.';
    case 'unprotected': {
      const locks = state.locks.length > 0 ? ` ${state.locks.map(lockSentence).join('. ')}.` : '';
      const why = state.detail ? ` (${state.detail})` : '';
      return `Not connected to the broker${why}: your accounts are NOT protected. Risk Warden cannot see or close positions until it reconnects; figures below are the last known.${locks}`;
    }
    case 'locked':
      return `${state.locks.map(lockSentence).join('. ')}.`;
    case 'stale':
      if (state.because === 'marks') return 'Market prices are not updating: open P&L and marks below may be out of date.';
      if (state.because === 'connecting')
        return 'Connecting to the broker: Risk Warden cannot see or close positions until it is connected.';
      return `Market data is not current${state.detail ? ` (${state.detail})` : ''}: figures below may be out of date.`;
    case 'warning': {
      const [first, ...more] = state.rules;
      const who = severalAccounts ? `${first!.accountName}: ` : '';
      const rest = more.length > 0 ? ` (and ${more.length} more)` : '';
      const what = first!.what.startsWith(':') ? first!.what : ` ${first!.what}`;
      return `${who}${first!.title}${what}${rest}.`;
    }
    case 'ok':
      return 'All rules OK: Risk Warden is watching your accounts.';
  }
}

/** What ticks: the lock's countdown, or how old the figures are. */
function Clock({ state, now, timeZone }: { state: StripState; now: number; timeZone: string | null }) {
  if (state.kind === 'locked') {
    const ending = state.locks.filter((lock) => lock.until !== null).sort((a, b) => Date.parse(a.until!) - Date.parse(b.until!))[0];
    if (!ending) return null;
    return (
      <span className="strip-clock" data-testid="status-strip-clock">
        ends in {countdown(ending.until!, now)}
      </span>
    );
  }
  if (state.kind === 'offline' && state.lastKnownAt) {
    const at = timeZone ? wallClock(state.lastKnownAt, timeZone, now) : null;
    return (
      <span className="strip-clock" data-testid="status-strip-clock">
        last known {at ? `at ${at}, ` : ''}
        {age(state.lastKnownAt, now)} ago
      </span>
    );
  }
  if (state.kind === 'stale' && state.oldestMarkAt) {
    return (
      <span className="strip-clock" data-testid="status-strip-clock">
        prices {age(state.oldestMarkAt, now)} old
      </span>
    );
  }
  return null;
}

export function StatusStrip({
  state,
  now,
  timeZone,
  dryRun,
  severalAccounts,
}: {
  state: StripState;
  /** The service's clock. */
  now: number;
  timeZone: string | null;
  dryRun: boolean;
  severalAccounts: boolean;
}) {
  return (
    <div className={`strip strip-${state.kind}`} data-testid="status-strip" data-state={state.kind}>
      <div className="strip-live" aria-live="polite" aria-atomic="true" data-testid="status-strip-text">
        <span className="strip-label">{LABELS[state.kind]}</span> <span className="strip-sentence">{sentence(state, severalAccounts)}</span>
      </div>
      <Clock state={state} now={now} timeZone={timeZone} />
      {dryRun && (
        <span className="badge badge-warn strip-dry-run" title="Rules are checked and logged; no order is closed or cancelled">
          Dry run: nothing is closed
        </span>
      )}
    </div>
  );
}
