import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LockoutView, UnlockChoice, UnlockPreview, UnlockResult } from '../../../shared/contract';
import { riskApi } from '../store';
import { keepTabInside } from './focus-trap';

/**
 * Asks for a reason and what happens to the rule that locked — resume with a fresh limit from now
 * (the default) or suspend until the reset, each said with its numbers before approval — then main
 * runs the OS elevation prompt; the outcome is said in words. Modal: Tab stays inside, Escape closes,
 * and focus goes back to what opened it (or, once that is gone after an unlock, to `fallbackFocus`).
 */
export function UnlockDialog({
  accountId,
  accountName,
  lockout,
  preview,
  onClose,
  fallbackFocus,
}: {
  accountId: number;
  accountName: string;
  /** The lock in force, for its end in the trading timezone; null once unlocked. */
  lockout: LockoutView | null;
  /** What each choice would do, from main; null once the account is no longer locked. */
  preview: UnlockPreview | null;
  onClose(): void;
  /** Where focus goes when the opener is no longer on the page. */
  fallbackFocus?: () => HTMLElement | null;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<UnlockChoice | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [result, setResult] = useState<UnlockResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canResume = preview?.resume != null;
  const choice: UnlockChoice = chosen ?? (canResume ? 'resume' : 'suspend');

  const fallback = useRef(fallbackFocus);
  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // A function that looks its target up when called: the one given at open will do.
    const fallbackTarget = fallback.current;
    element?.showModal();
    return () => {
      element?.close();
      const target = opener?.isConnected ? opener : (fallbackTarget?.() ?? null);
      target?.focus();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWaiting(true);
    setError(null);
    setResult(null);
    try {
      setResult(await riskApi().call('requestUnlock', { accountId, reason, choice }));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setWaiting(false);
    }
  };

  const approved = result?.outcome === 'approved';
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="unlock-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={keepTabInside}
      data-testid="unlock-dialog"
    >
      <form onSubmit={submit}>
        <h2 id="unlock-title">Admin unlock — {accountName}</h2>
        {lockout && (
          <p data-testid="unlock-lock">
            Locked by {lockout.ruleTitle} {lockout.untilText ? `until ${lockout.untilText}` : 'until an administrator unlocks it'}.
          </p>
        )}
        <p className="muted">
          Your operating system will ask for an administrator password. The attempt and your reason go to the audit log, whatever the
          answer.
        </p>
        {preview && !approved && (
          <fieldset className="unlock-choices" disabled={waiting} data-testid="unlock-choices">
            <legend>
              After the unlock, {preview.ruleTitle}… <span className="rule-tag">{preview.ruleId}</span>
            </legend>
            <ChoiceOption
              value="resume"
              label="resumes with a fresh limit from now"
              effect={preview.resume ?? preview.resumeUnavailable}
              checked={choice === 'resume'}
              disabled={!canResume}
              onChoose={setChosen}
            />
            <ChoiceOption
              value="suspend"
              label="is suspended until the reset"
              effect={preview.suspend}
              checked={choice === 'suspend'}
              disabled={false}
              onChoose={setChosen}
            />
          </fieldset>
        )}
        <label className="field">
          <span>Reason</span>
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={3}
            maxLength={500}
            rows={3}
            disabled={waiting || approved}
            autoFocus
            placeholder="Why is this account unlocked early?"
          />
        </label>
        {waiting && (
          <p className="muted" role="status">
            Waiting for the administrator prompt…
          </p>
        )}
        {result && (
          <p className={approved ? 'result result-ok' : 'result result-bad'} role="alert" data-testid="unlock-result">
            {approved ? result.message : `Still locked: ${result.message}`}
          </p>
        )}
        {error && (
          <p className="result result-bad" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {approved ? 'Close' : 'Cancel'}
          </button>
          {!approved && (
            <button type="submit" className="primary" disabled={waiting || reason.trim().length < 3}>
              Ask for administrator approval
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}

/** One of the two choices, with what it would do in words. */
function ChoiceOption({
  value,
  label,
  effect,
  checked,
  disabled,
  onChoose,
}: {
  value: UnlockChoice;
  label: string;
  effect: string | null;
  checked: boolean;
  disabled: boolean;
  onChoose(choice: UnlockChoice): void;
}) {
  return (
    <label className="unlock-choice">
      <input type="radio" name="unlock-choice" value={value} checked={checked} disabled={disabled} onChange={() => onChoose(value)} />{' '}
      {label}
      <span className="effect muted" data-testid={`unlock-${value}-effect`}>
        {effect}
      </span>
    </label>
  );
}
