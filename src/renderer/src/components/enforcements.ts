import type { TimelineEntry } from '../../../shared/contract';

/** What Risk Warden did to this account on its own: a close, a trim, a cancel. A lock has its own banner. */
export function enforcementsOf(entries: readonly TimelineEntry[], accountId: number): TimelineEntry[] {
  return entries.filter((e) => e.accountId === accountId && e.kind === 'enforcement' && (e.tone === 'warn' || e.tone === 'bad'));
}
