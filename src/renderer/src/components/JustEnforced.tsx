import { useState } from 'react';
import type { TimelineEntry } from '../../../shared/contract';
import { wallClock } from '../format';
import { serviceNow } from '../service-clock';
import { enforcementsOf } from './enforcements';
import './JustEnforced.css';

const STORAGE_KEY = 'rw-dismissed-enforcements';
/** The newest few stay in view; older ones are in the timeline. */
const SHOWN = 3;

/**
 * An entry's id starts again at 1 when the service restarts (the desktop app restarts it on Save),
 * so a dismissal is kept by id and time together: a new close reusing an old id still shows.
 */
function keyOf(entry: TimelineEntry): string {
  return `${entry.id}@${entry.at}`;
}

function loadDismissed(): ReadonlySet<string> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : []);
  } catch {
    return new Set();
  }
}

function saveDismissed(keys: ReadonlySet<string>): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...keys]));
  } catch {
    // Storage refused (private mode, quota): dismissals last until the page is reloaded.
  }
}

/**
 * What Risk Warden just did to the account, kept in view until the trader dismisses it: a rule that closed a
 * position goes back to OK at once, and the close must not be told only by the timeline. Announced once, on arrival.
 */
export function JustEnforced({ entries, accountId, timeZone }: { entries: TimelineEntry[]; accountId: number; timeZone: string }) {
  const [dismissed, setDismissed] = useState(loadDismissed);
  const dismiss = (dismissedEntries: TimelineEntry[]) =>
    setDismissed((before) => {
      const next = new Set([...before, ...dismissedEntries.map(keyOf)]);
      saveDismissed(next);
      return next;
    });
  const waiting = enforcementsOf(entries, accountId)
    .filter((e) => !dismissed.has(keyOf(e)))
    .reverse();
  const shown = waiting.slice(0, SHOWN);
  return (
    <div className="rw-enforced" aria-live="polite" data-testid="just-enforced">
      {shown.map((entry) => (
        <div key={entry.id} className={`rw-enforced-item rw-enforced-${entry.tone}`} data-testid="just-enforced-item">
          <div className="rw-enforced-text">
            <strong>{entry.title}</strong>
            {entry.detail && <span>{entry.detail}</span>}
            <time dateTime={entry.at} className="rw-enforced-time">
              {wallClock(entry.at, timeZone, serviceNow())}
            </time>
          </div>
          <button type="button" onClick={() => dismiss([entry])} aria-label={`Dismiss: ${entry.title}`}>
            Dismiss
          </button>
        </div>
      ))}
      {waiting.length > 1 && (
        <div className="rw-enforced-more">
          {waiting.length > SHOWN && <span>and {waiting.length - SHOWN} earlier in the timeline</span>}
          <button type="button" onClick={() => dismiss(waiting)}>
            Dismiss all {waiting.length}
          </button>
        </div>
      )}
    </div>
  );
}
