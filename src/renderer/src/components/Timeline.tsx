import { useState } from 'react';
import type { TimelineEntry, TimelineKind } from '../../../shared/contract';
import { timeOfDay } from '../format';

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const [hidden, setHidden] = useState<ReadonlySet<TimelineKind>>(new Set());
  const kinds = [...new Set(entries.map((e) => e.kind))].sort();
  const toggle = (kind: TimelineKind) =>
    setHidden((before) => {
      const next = new Set(before);
      if (!next.delete(kind)) next.add(kind);
      return next;
    });
  const shown = entries.filter((e) => !hidden.has(e.kind)).reverse();
  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <div className="filters" role="group" aria-label="Show event types">
        {kinds.map((kind) => (
          <button key={kind} type="button" className={`chip event-${kind}`} aria-pressed={!hidden.has(kind)} onClick={() => toggle(kind)}>
            {kind}
          </button>
        ))}
      </div>
      <ol className="timeline" data-testid="timeline">
        {shown.map((entry) => (
          <li key={entry.id} className={`event event-${entry.kind}`} data-kind={entry.kind}>
            <time dateTime={entry.at}>{timeOfDay(entry.at)}</time>
            <span className="event-kind">{entry.kind}</span>
            <span className="event-title">{entry.title}</span>
            {entry.detail && <span className="event-detail">{entry.detail}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
