export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

/** Resident set and live heap after a full GC. */
export function memory(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / (1024 * 1024), heapUsedMb: usage.heapUsed / (1024 * 1024) };
}

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
