import { describe, expect, it } from 'vitest';
import { Problems } from '../../../src/main/service/problems';
import { Timeline } from '../../../src/main/service/timeline';
import { FakeClock } from '../../helpers/fake-clock';

function problemsWithTimeline() {
  const clock = new FakeClock(Date.parse('2026-11-24T15:00:00Z'));
  const timeline = new Timeline(clock, () => {});
  return { clock, timeline, problems: new Problems({ clock, journal: timeline }) };
}

describe('Problems', () => {
  it('shows a problem once, however often the same failure is reported, with the time it began', async () => {
    const { clock, timeline, problems } = problemsWithTimeline();
    problems.report('storage', 'Database damaged', 'riskwarden.db: disk I/O error');
    await clock.advance(1000);
    problems.report('storage', 'Database damaged', 'riskwarden.db: disk I/O error');
    expect(problems.list()).toEqual([
      { kind: 'storage', title: 'Database damaged', detail: 'riskwarden.db: disk I/O error', since: '2026-11-24T15:00:00.000Z' },
    ]);
    expect(timeline.latest(10).map((e) => e.title)).toEqual(['Database damaged']);
  });

  it('keeps when it began when the words change, and says in the timeline when it is over', async () => {
    const { clock, timeline, problems } = problemsWithTimeline();
    problems.report('storage', 'Database damaged', 'disk I/O error');
    await clock.advance(5000);
    problems.report('storage', 'Database damaged', 'database disk image is malformed');
    expect(problems.list()[0]).toMatchObject({ detail: 'database disk image is malformed', since: '2026-11-24T15:00:00.000Z' });
    problems.clear('storage', 'Database written again');
    problems.clear('storage', 'Database written again');
    expect(problems.list()).toEqual([]);
    expect(timeline.latest(10).map((e) => e.title)).toEqual(['Database damaged', 'Database damaged', 'Database written again']);
  });
});
