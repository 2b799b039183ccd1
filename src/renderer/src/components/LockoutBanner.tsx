import { useEffect, useState } from 'react';
import type { LockoutView } from '../../../shared/contract';
import { countdown, wallClock } from '../format';

export function LockoutBanner({ lockout, timeZone, onUnlock }: { lockout: LockoutView; timeZone: string; onUnlock(): void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="lockout" role="alert" data-testid="lockout-banner">
      <div className="lockout-title">
        <strong>Locked</strong>
        <span>{lockout.until ? `until ${wallClock(lockout.until, timeZone, now)}` : 'until an administrator unlocks'}</span>
        {lockout.until && <span className="lockout-countdown">ends in {countdown(lockout.until, now)}</span>}
      </div>
      <p className="lockout-reason">
        {lockout.ruleId} — {lockout.reason}. New orders are cancelled and new positions closed while locked.
      </p>
      <button type="button" className="link-button" onClick={onUnlock}>
        Admin unlock…
      </button>
    </section>
  );
}
