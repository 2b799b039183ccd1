import { useEffect, useState } from 'react';
import { riskApi } from '../store';
import './SelfLockDialog.css';

/** How long the armed button waits for the second press before it disarms. */
const ARMED_MS = 4000;

/**
 * The kill switch: flattens every guarded account, cancels every order and locks each until the
 * daily reset. Two presses, not a dialog: the second press lands where the first did, so it takes
 * well under a second on purpose, while a stray click (or Enter on a focused button) only arms it.
 */
export function KillSwitchButton() {
  const [armed, setArmed] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), ARMED_MS);
    return () => clearTimeout(timer);
  }, [armed]);

  const press = async () => {
    if (!armed) {
      setArmed(true);
      setMessage(null);
      return;
    }
    setArmed(false);
    try {
      setMessage((await riskApi().call('killSwitch', {})).message);
    } catch (error) {
      setMessage(`Kill switch failed: ${(error as Error).message}`);
    }
  };

  return (
    <span className="kill-switch">
      <button
        type="button"
        className={armed ? 'danger kill-switch-armed' : 'danger'}
        onClick={() => void press()}
        aria-describedby="kill-switch-help"
        data-testid="kill-switch"
      >
        {armed ? 'Press again: flatten and lock all' : 'Kill switch'}
      </button>
      <span id="kill-switch-help" className="visually-hidden">
        Closes every position, cancels every order and locks every guarded account until the daily reset. Press twice.
      </span>
      <span role="status" className="kill-switch-result" data-testid="kill-switch-result">
        {message}
      </span>
    </span>
  );
}
