import { Fragment, useState } from 'react';
import type { AccountView, TimelineEntry, TimelineKind } from '../../../shared/contract';
import { dayKey, timeWithSeconds, zoneName } from '../format';
import { serviceNow } from '../service-clock';
import { byDay } from './timeline-days';
import './Timeline.css';

/** Each kind in words: the filter chip names the group, the entry its own kind. */
const KIND: Record<TimelineKind, { chip: string; label: string }> = {
  fill: { chip: 'Fills', label: 'Fill' },
  enforcement: { chip: 'Risk Warden actions', label: 'Enforcement' },
  automation: { chip: 'Automation', label: 'Automation' },
  breach: { chip: 'Breaches', label: 'Breach' },
  lockout: { chip: 'Locks', label: 'Lock' },
  unlock: { chip: 'Unlocks', label: 'Unlock' },
  reset: { chip: 'Daily resets', label: 'Daily reset' },
  config: { chip: 'Config changes', label: 'Config' },
  connection: { chip: 'Connection', label: 'Connection' },
  error: { chip: 'Problems', label: 'Problem' },
};
const KIND_ORDER = Object.keys(KIND) as TimelineKind[];

export function kindLabel(kind: TimelineKind): string {
  return KIND[kind].label;
}

/** What the trader did and what Risk Warden did, in words, newest first, each entry naming its account. */
export function Timeline({ entries, accounts, timeZone }: { entries: TimelineEntry[]; accounts: AccountView[]; timeZone: string }) {
  const [hidden, setHidden] = useState<ReadonlySet<TimelineKind>>(new Set());
  const present = new Set(entries.map((e) => e.kind));
  const kinds = KIND_ORDER.filter((kind) => present.has(kind));
  const toggle = (kind: TimelineKind) =>
    setHidden((before) => {
      const next = new Set(before);
      if (!next.delete(kind)) next.add(kind);
      return next;
    });
  const now = serviceNow();
  const today = dayKey(new Date(now).toISOString(), timeZone);
  const days = byDay(
    entries.filter((e) => !hidden.has(e.kind)),
    timeZone,
  );
  const accountName = (id: number | null) => (id === null ? null : (accounts.find((a) => a.id === id)?.name ?? `Account ${id}`));
  return (
    <section className="panel timeline-panel rw-timeline-panel" aria-labelledby="timeline-heading">
      <div className="rw-timeline-head">
        <h2 id="timeline-heading">Timeline</h2>
        <span className="rw-timeline-zone">Times in {zoneName(timeZone, now)}</span>
      </div>
      <div className="rw-filters" role="group" aria-label="Show event types">
        {kinds.map((kind) => (
          <button key={kind} type="button" className="rw-chip" aria-pressed={!hidden.has(kind)} onClick={() => toggle(kind)}>
            {KIND[kind].chip}
          </button>
        ))}
      </div>
      {/* It scrolls on its own, so the keyboard must be able to reach it. */}
      <ol className="rw-timeline" data-testid="timeline" tabIndex={0} aria-label="Timeline entries, newest first">
        {days.map((day) => (
          <Fragment key={day.day}>
            <li className="rw-day" data-testid="timeline-day">
              {day.day === today ? `Today, ${day.label}` : day.label}
            </li>
            {day.entries.map((entry) => {
              const account = accountName(entry.accountId);
              return (
                <li key={entry.id} className={`rw-event rw-event-${entry.tone}`} data-kind={entry.kind} data-tone={entry.tone}>
                  <time dateTime={entry.at}>{timeWithSeconds(entry.at, timeZone)}</time>
                  <span className="rw-event-kind">{KIND[entry.kind].label}</span>
                  <span className="rw-event-body">
                    <span className="rw-event-title">{entry.title}</span>
                    {entry.detail && <span className="rw-event-detail">{entry.detail}</span>}
                    {account && (
                      <span className="rw-event-account" data-testid="timeline-account">
                        {account}
                      </span>
                    )}
                  </span>
                </li>
              );
            })}
          </Fragment>
        ))}
      </ol>
    </section>
  );
}
