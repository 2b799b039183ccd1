import { describe, expect, it, vi } from 'vitest';
import { AlertDispatch, type AlertDispatchDeps } from '../../../src/main/alerts/alert-dispatch';
import type { Alert } from '../../../src/main/alerts/webhook-format';
import type { Attempt } from '../../../src/main/alerts/webhook-sender';
import { FakeClock } from '../../helpers/fake-clock';

const TARGET = { url: 'https://discord.com/api/webhooks/1/SECRET-TOKEN', format: 'discord' as const };
const REFUSED: Attempt = { outcome: 'retry', why: 'cannot be reached (ECONNREFUSED)', retryAfterMs: null };
const DELIVERED: Attempt = { outcome: 'delivered', status: 204 };

/** A receiver answering from `answers` in turn (then the last one again), instantly. */
function setUp(answers: Attempt[], deps: Partial<AlertDispatchDeps> = {}) {
  const clock = new FakeClock(Date.parse('2026-03-02T15:00:00Z'));
  const sent: { title: string; at: number }[] = [];
  const post = vi.fn((_target: unknown, alert: Alert) => {
    sent.push({ title: alert.title, at: clock.now() });
    return Promise.resolve(answers.length > 1 ? answers.shift()! : answers[0]!);
  });
  const problems = { report: vi.fn(), clear: vi.fn() };
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const alerts = new AlertDispatch({
    target: TARGET,
    clock,
    logger,
    problems,
    about: (id) => ({ name: `Combine ${id}`, lockRuleId: id === 2 ? 'KILL-SWITCH' : 'RULE-001' }),
    post,
    ...deps,
  });
  return { clock, sent, post, problems, logger, alerts };
}

describe('AlertDispatch', () => {
  it('alerts on breaches and locks only, naming a kill switch lock as such', async () => {
    const { alerts, post, clock } = setUp([DELIVERED]);
    alerts.add('fill', 1, 'Bought 1 MNQ', null);
    alerts.add('breach', 1, 'Daily realized loss broken', 'Realized −$500.00');
    alerts.add('lockout', 1, 'Locked until 5:00 PM CT: the daily loss limit', null);
    alerts.add('lockout', 2, 'Locked until 5:00 PM CT: the kill switch', null);
    await clock.advance(0);
    expect(post.mock.calls.map(([, a]) => [a.kind, a.accountName, a.title])).toEqual([
      ['breach', 'Combine 1', 'Daily realized loss broken'],
      ['lock', 'Combine 1', 'Locked until 5:00 PM CT: the daily loss limit'],
      ['kill_switch', 'Combine 2', 'Locked until 5:00 PM CT: the kill switch'],
    ]);
  });

  it('retries on the backoff table and gives up two minutes after the first try, once, with a problem shown once', async () => {
    const { alerts, sent, problems, logger, clock } = setUp([REFUSED]);
    const start = clock.now();
    alerts.add('lockout', 1, 'First', null);
    alerts.add('lockout', 1, 'Second', null);
    await clock.advance(10 * 60_000);
    const first = sent.filter((s) => s.title === 'First').map((s) => (s.at - start) / 1000);
    // 1, 2, 5, 15 s, then 30 s while the next try still starts within two minutes.
    expect(first).toEqual([0, 1, 3, 8, 23, 53, 83, 113]);
    expect(sent.filter((s) => s.title === 'Second')).toHaveLength(8);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls[0]![0]).toBe(
      'alert "First" not delivered to discord.com: cannot be reached (ECONNREFUSED), after 8 tries',
    );
    expect(problems.report).toHaveBeenCalledTimes(1);
    expect(problems.report.mock.calls[0]!.slice(0, 2)).toEqual(['alerts', 'Alerts are not reaching the webhook']);
    expect(JSON.stringify([logger.warn.mock.calls, problems.report.mock.calls])).not.toContain('SECRET-TOKEN');
  });

  it('clears the problem when an alert gets through again', async () => {
    const { alerts, problems, clock } = setUp([{ outcome: 'refused', why: 'HTTP 404 Unknown Webhook' }, DELIVERED]);
    alerts.add('lockout', 1, 'First', null);
    await clock.advance(0);
    expect(problems.report).toHaveBeenCalledTimes(1);
    alerts.add('lockout', 1, 'Second', null);
    await clock.advance(0);
    expect(problems.clear).toHaveBeenCalledWith('alerts', 'Alerts reach discord.com again');
  });

  it('does not retry a refusal', async () => {
    const { alerts, post, clock } = setUp([{ outcome: 'refused', why: 'HTTP 401 Invalid Webhook Token' }]);
    alerts.add('breach', 1, 'Max contracts broken', null);
    await clock.advance(10 * 60_000);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it.each([
    [6_999, 1],
    [7_000, 2],
  ])('waits the Retry-After of a 429: %i ms later it has tried %i time(s)', async (ms, tries) => {
    const { alerts, post, clock } = setUp([{ outcome: 'retry', why: 'answered HTTP 429', retryAfterMs: 7_000 }, DELIVERED]);
    alerts.add('breach', 1, 'Max contracts broken', null);
    await clock.advance(ms);
    expect(post).toHaveBeenCalledTimes(tries);
  });

  it('gives up at once when Retry-After asks for longer than the time left', async () => {
    const { alerts, post, logger, clock } = setUp([{ outcome: 'retry', why: 'answered HTTP 429', retryAfterMs: 3_600_000 }]);
    alerts.add('breach', 1, 'Max contracts broken', null);
    await clock.advance(0);
    expect(post).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![0]).toContain('answered HTTP 429, after 1 try');
  });

  it('keeps at most `capacity` alerts waiting behind a stuck one, dropping the oldest', async () => {
    const { alerts, post, logger, clock } = setUp([REFUSED, DELIVERED], { capacity: 2 });
    for (const title of ['A', 'B', 'C', 'D']) alerts.add('breach', 1, title, null);
    await clock.advance(60_000);
    expect(post.mock.calls.map(([, a]) => a.title)).toEqual(['A', 'A', 'C', 'D']);
    expect(logger.warn).toHaveBeenCalledWith('alert "B" dropped unsent: discord.com is not taking alerts as fast as they come');
  });

  it('sends nothing more once stopped', async () => {
    const { alerts, post, logger, clock } = setUp([REFUSED]);
    alerts.add('breach', 1, 'A', null);
    alerts.add('breach', 1, 'B', null);
    await clock.advance(0);
    alerts.stop();
    alerts.add('breach', 1, 'C', null);
    await clock.advance(10 * 60_000);
    expect(post).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith('2 alert(s) not sent to discord.com: Risk Warden stopped');
  });
});
