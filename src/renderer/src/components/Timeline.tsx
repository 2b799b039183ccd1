import type { TimelineEntry } from '../../../shared/contract';
import { timeOfDay } from '../format';

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const newestFirst = [...entries].reverse();
  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <ol className="timeline" data-testid="timeline">
        {newestFirst.map((entry) => (
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
