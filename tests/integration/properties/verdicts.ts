/**
 * What a trader relies on, judged from a played sequence (see trading-sequence.ts): each
 * function returns the violations it found, worded for the report, empty when all is well.
 */
import { deliveryLabel, type Played } from './trading-sequence';

const TOLERANCE = 0.005;
const money = (value: number) => value.toFixed(2);

function labelled(played: Played, problems: readonly string[]): string[] {
  return problems.map((p) => `[${deliveryLabel(played.delivery)}] ${p}`);
}

/** A run that could not finish leaves nothing to judge: that is a violation of every property. */
function unfinished(played: Played): string[] {
  return played.stopped ? [`the run stopped: ${played.stopped}`] : [];
}

function withTimeline(played: Played, problems: string[]): string[] {
  if (problems.length === 0) return [];
  return labelled(played, [...problems, `timeline: ${played.timeline.length ? played.timeline.join(' | ') : '(empty)'}`]);
}

/**
 * (a) RULE-003 locks or closes only when its figure, computed from the broker's books, reached the
 * limit at some point, and then it does lock and the broker ends flat; the figure it breached on
 * is one the broker's books showed.
 */
export function limitVerdict(played: Played, limit: number): string[] {
  const problems = unfinished(played);
  if (played.stopped) return withTimeline(played, problems);
  const lowest = Math.min(...played.brokerFigures);
  const reached = lowest <= limit + TOLERANCE;
  if (played.lock === 'RULE-003' && !reached)
    problems.push(`locked by RULE-003 although the broker's figure never reached ${money(limit)} (lowest ${money(lowest)})`);
  if (played.closes.length > 0 && !reached)
    problems.push(
      `sent ${played.closes.length} close(s) although the broker's figure never reached ${money(limit)} (lowest ${money(lowest)})`,
    );
  if (lowest <= limit - TOLERANCE && played.lock !== 'RULE-003')
    problems.push(
      `the broker's figure reached ${money(lowest)} against the limit ${money(limit)}, yet the account ended ${played.lock ? `locked by ${played.lock}` : 'unlocked'}`,
    );
  if (played.lockNotEnforced) problems.push(played.lockNotEnforced);
  for (const breach of played.breaches) {
    if (breach.figure === null) continue;
    if (!played.brokerFigures.some((f) => Math.abs(f - breach.figure!) <= 0.01 + TOLERANCE))
      problems.push(`"${breach.detail}": the broker's books never showed ${money(breach.figure)}`);
  }
  return withTimeline(played, problems);
}

/** (b) Every RULE-003 breach message's figure is what the snapshot showed for the account at that moment: the rule card and the P&L on screen. */
export function figureVerdict(played: Played, includeUnrealized: boolean): string[] {
  const problems = unfinished(played);
  for (const breach of played.breaches) {
    if (breach.ruleId !== 'RULE-003') continue;
    const shown = breach.pnl ? (includeUnrealized ? breach.pnl.total : breach.pnl.realized) : null;
    if (breach.figure === null || breach.figure !== breach.card || breach.figure !== shown)
      problems.push(
        `"${breach.detail}" while the snapshot showed the rule card at ${breach.card ?? '—'} and P&L ${includeUnrealized ? 'total' : 'realized'} ${shown ?? '—'}`,
      );
  }
  return withTimeline(played, problems);
}

/** (c) The same sequence ends the same in every delivery order: the lock (which rule) and the broker's books. */
export function sameEndVerdict(plays: readonly Played[]): string[] {
  const problems = plays.flatMap((p) => labelled(p, unfinished(p)));
  const end = (p: Played) => JSON.stringify({ lock: p.lock, books: p.books });
  const [first, ...rest] = plays;
  if (!first) return problems;
  for (const other of rest) {
    if (end(other) !== end(first))
      problems.push(
        `[${deliveryLabel(other.delivery)}] ended ${end(other)} but [${deliveryLabel(first.delivery)}] ended ${end(first)}`,
        ...labelled(other, [`timeline: ${other.timeline.join(' | ')}`]),
        ...labelled(first, [`timeline: ${first.timeline.join(' | ')}`]),
      );
  }
  return problems;
}

/** (d) Each decision reaches the broker once: one close per position (the broker's position episode), one cancel per order. */
export function onceVerdict(played: Played): string[] {
  const problems = unfinished(played);
  const count = <T>(items: readonly T[]) => {
    const counts = new Map<T, number>();
    for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
    return [...counts].filter(([, n]) => n > 1);
  };
  for (const [key, n] of count(played.closes.map((c) => `${c.contractId} (position #${c.episode ?? 'none'})`)))
    problems.push(`${n} closes reached the broker for ${key}`);
  for (const [orderId, n] of count(played.cancels)) problems.push(`${n} cancels reached the broker for order #${orderId}`);
  return withTimeline(played, problems);
}

/** (e) Once the events of a step are applied, no order of Risk Warden's works on a flat contract, and none of its orders ever opened, increased or reversed a position. */
export function orphanVerdict(played: Played): string[] {
  return withTimeline(played, [...unfinished(played), ...played.orphans]);
}

/** (e′) Risk Warden's stops are of the position's size (or less) and on its exit side: filled, none opens or adds to a position. */
export function oversizeVerdict(played: Played): string[] {
  return withTimeline(played, [...unfinished(played), ...played.oversized]);
}
