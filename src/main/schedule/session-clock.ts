/** The engine's view of the trading session; schedule/session.ts implements it. */
export interface SessionClock {
  /** The session window that contains `now`, or null outside every session. */
  current(now: number): { start: number; end: number } | null;
  /** The start of the next session after `now`. */
  nextStart(now: number): number;
}
