import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { UnlockResult } from '../../../shared/contract';
import { riskApi } from '../store';

/** Asks for a reason, then main runs the OS elevation prompt; the outcome is said in words. */
export function UnlockDialog({ accountId, accountName, onClose }: { accountId: number; accountName: string; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [waiting, setWaiting] = useState(false);
  const [result, setResult] = useState<UnlockResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWaiting(true);
    setError(null);
    setResult(null);
    try {
      setResult(await riskApi().call('requestUnlock', { accountId, reason }));
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setWaiting(false);
    }
  };

  const approved = result?.outcome === 'approved';
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="unlock-title" onCancel={onClose} data-testid="unlock-dialog">
      <form onSubmit={submit}>
        <h2 id="unlock-title">Admin unlock — {accountName}</h2>
        <p className="muted">
          Your operating system will ask for an administrator password. The attempt and your reason go to the audit log, whatever the
          answer.
        </p>
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
