/**
 * The service's clock as the dashboard runs it: the moment of the last snapshot (main's clock, which
 * the test clock may move), carried forward by the browser's clock since it arrived. Countdowns and
 * "ends in" read this, so a browser whose clock is off cannot show a lock ending at the wrong time.
 */
import { useEffect, useState } from 'react';

let offsetMs = 0;

export function syncServiceClock(generatedAt: string): void {
  offsetMs = Date.parse(generatedAt) - Date.now();
}

export function serviceNow(): number {
  return Date.now() + offsetMs;
}

/** Re-renders every `everyMs` with the service's time. */
export function useServiceNow(everyMs = 1000): number {
  const [now, setNow] = useState(serviceNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serviceNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
