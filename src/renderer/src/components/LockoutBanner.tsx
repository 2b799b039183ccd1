import type { Ref } from 'react';
import type { LockoutView } from '../../../shared/contract';
import { countdown } from '../../../shared/time-format';
import { useServiceNow } from '../service-clock';

/**
 * The lock's reason as a sentence: main sends "daily_realized_loss: realized P&L …"; the config key
 * is not for the trader (the rule's title and id are said beside it), so it is left out here.
 */
export function reasonSentence(reason: string): string {
  const text = reason.replace(/^[a-z][a-z0-9_]*:\s*/, '').trim();
  if (!text) return '';
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * Announced once when the lock begins (role="alert" holds only what does not change); the countdown,
 * driven by the service's clock, ticks outside it.
 */
export function LockoutBanner({
  lockout,
  onUnlock,
  unlockButton,
}: {
  lockout: LockoutView;
  onUnlock(): void;
  /** The button that opens the unlock dialog, so the dialog can give focus back to it. */
  unlockButton?: Ref<HTMLButtonElement>;
}) {
  const now = useServiceNow();
  const until = lockout.untilText ? `until ${lockout.untilText}` : 'until an administrator unlocks it';
  return (
    <section className="lockout" aria-label="Account locked" data-testid="lockout-banner">
      <div role="alert">
        <p className="lockout-title">
          <strong>Locked</strong> <span data-testid="lockout-title">by {lockout.ruleTitle}</span> <span>{until}</span>
        </p>
        <p className="lockout-reason">{reasonSentence(lockout.reason)} New orders are cancelled and new positions closed while locked.</p>
      </div>
      <div className="lockout-foot">
        <span className="rule-tag" title="Rule id">
          {lockout.ruleId}
        </span>
        {lockout.until && (
          <span className="lockout-countdown" data-testid="lockout-countdown">
            ends in {countdown(lockout.until, now)}
          </span>
        )}
        <button type="button" className="link-button" onClick={onUnlock} ref={unlockButton}>
          Admin unlock…
        </button>
      </div>
    </section>
  );
}
