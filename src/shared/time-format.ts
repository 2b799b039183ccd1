/** Times as traders read them, shared by the dashboard and the tray. */

/** "17:00 CST" in the trading timezone. */
export function wallClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(
    new Date(iso),
  );
}

export function countdown(untilIso: string, now: number): string {
  const total = Math.max(0, Math.round((Date.parse(untilIso) - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s).padStart(2, '0')}s`;
}
