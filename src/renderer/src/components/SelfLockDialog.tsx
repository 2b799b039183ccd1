import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SelfLockPreview, SelfLockRequest, SelfLockUntil } from '../../../shared/contract';
import { riskApi } from '../store';
import { keepTabInside } from './focus-trap';
import './SelfLockDialog.css';

type Choice = SelfLockUntil['kind'];

const CHOICES: { kind: Choice; label: string }[] = [
  { kind: 'endOfDay', label: 'the end of the trading day' },
  { kind: 'nextSession', label: 'the next session start' },
  { kind: 'hours', label: 'a number of hours' },
  { kind: 'time', label: 'a time' },
];

/**
 * "Lock me out until …": the trader picks the end and the accounts; main says when it ends (in the
 * trading timezone) and what it closes before the trader confirms, and that only an administrator
 * can unlock early. Modal like the unlock dialog: Tab stays inside, Escape closes, focus goes back.
 */
export function SelfLockDialog({ accountId, accountName, onClose }: { accountId: number; accountName: string; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<Choice>('endOfDay');
  const [hours, setHours] = useState(2);
  const [time, setTime] = useState('');
  const [allAccounts, setAllAccounts] = useState(false);
  /** Main's answer to the preview of `key` (the request as JSON): what it would do, or why not. */
  const [answer, setAnswer] = useState<{ key: string; preview: SelfLockPreview | null; refusal: string | null } | null>(null);
  const [submitRefusal, setSubmitRefusal] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element?.showModal();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const request = requestOf(choice, hours, time, allAccounts ? [] : [accountId]);
  // Compared by its JSON: a new object each render asks main again only when the choice changed.
  const key = JSON.stringify(request);
  useEffect(() => {
    const asked = JSON.parse(key) as SelfLockRequest | null;
    if (!asked) return;
    let current = true;
    riskApi()
      .call('selfLockPreview', asked)
      .then(
        (preview) => current && setAnswer({ key, preview, refusal: null }),
        (error: Error) => current && setAnswer({ key, preview: null, refusal: error.message }),
      );
    return () => {
      current = false;
    };
  }, [key]);
  const preview = answer?.key === key ? answer.preview : null;
  const refusal = submitRefusal ?? (answer?.key === key ? answer.refusal : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!request) return;
    setWaiting(true);
    setSubmitRefusal(null);
    try {
      setDone((await riskApi().call('selfLock', { ...request, ...(preview ? { previewedUntil: preview.until } : {}) })).message);
    } catch (error) {
      setSubmitRefusal((error as Error).message);
    } finally {
      setWaiting(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog self-lock"
      aria-labelledby="self-lock-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={keepTabInside}
      data-testid="self-lock-dialog"
    >
      <form onSubmit={submit}>
        <h2 id="self-lock-title">Lock me out</h2>
        {done ? (
          <p className="result result-ok" role="status" data-testid="self-lock-result">
            {done}
          </p>
        ) : (
          <>
            <fieldset className="self-lock-choices" disabled={waiting}>
              <legend>Lock until…</legend>
              {CHOICES.map((c) => (
                <label key={c.kind} className="self-lock-choice">
                  <input type="radio" name="self-lock-until" checked={choice === c.kind} onChange={() => setChoice(c.kind)} /> {c.label}
                </label>
              ))}
              {choice === 'hours' && (
                <label className="field">
                  <span>Hours (1 to 72)</span>
                  <input type="number" min={1} max={72} step={1} value={hours} onChange={(e) => setHours(e.target.valueAsNumber)} />
                </label>
              )}
              {choice === 'time' && (
                <label className="field">
                  <span>Time (in the trading timezone; a time already past today means tomorrow)</span>
                  <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
                </label>
              )}
            </fieldset>
            <fieldset className="self-lock-choices" disabled={waiting}>
              <legend>Accounts</legend>
              <label className="self-lock-choice">
                <input type="radio" name="self-lock-scope" checked={!allAccounts} onChange={() => setAllAccounts(false)} /> {accountName}
              </label>
              <label className="self-lock-choice">
                <input type="radio" name="self-lock-scope" checked={allAccounts} onChange={() => setAllAccounts(true)} /> every guarded
                account
              </label>
            </fieldset>
            <SelfLockSummary preview={preview} />
            <p className="self-lock-warning">
              <strong>Only an administrator can unlock early. Positions will be closed now.</strong>
            </p>
          </>
        )}
        {refusal && (
          <p className="result result-bad" role="alert" data-testid="self-lock-refusal">
            {refusal}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {done ? 'Close' : 'Cancel'}
          </button>
          {!done && (
            <button type="submit" className="danger" disabled={waiting || !preview} data-testid="self-lock-confirm">
              {preview ? `Lock me out until ${preview.untilText}` : 'Lock me out'}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}

/** What main says the lock would do: until when, which accounts, what it closes, which are locked already. */
function SelfLockSummary({ preview }: { preview: SelfLockPreview | null }) {
  if (!preview) return null;
  return (
    <div className="self-lock-summary" aria-live="polite" data-testid="self-lock-preview">
      <p>
        Locks {preview.accounts.join(', ')} until <strong data-testid="self-lock-until">{preview.untilText}</strong>.
      </p>
      {preview.closes.length > 0 ? (
        <ul>
          {preview.closes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing is open: no position to close, no order to cancel.</p>
      )}
      {preview.alreadyLocked.map((line) => (
        <p key={line} className="muted">
          {line}: a lock that ends later stays in force.
        </p>
      ))}
    </div>
  );
}

/** The request for main, or null until the chosen end is complete (a time not yet typed, hours out of range). */
function requestOf(choice: Choice, hours: number, time: string, accountIds: number[]): SelfLockRequest | null {
  switch (choice) {
    case 'endOfDay':
    case 'nextSession':
      return { accountIds, until: { kind: choice } };
    case 'hours':
      return Number.isInteger(hours) && hours >= 1 && hours <= 72 ? { accountIds, until: { kind: 'hours', hours } } : null;
    case 'time':
      return /^\d\d:\d\d$/.test(time) ? { accountIds, until: { kind: 'time', at: time } } : null;
  }
}
