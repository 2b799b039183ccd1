/**
 * `npm run bench`: one JSON object with every figure, its named target and whether it was met.
 * Exits non-zero when a figure misses its target.
 */
import os from 'node:os';
import { engineEventsPerSecond } from './engine-throughput';
import { measureLive } from './live-figures';
import { startupToEnforcing } from './startup';
import { percentile, round } from './stats';

type Target = { atLeast: number } | { atMost: number };
interface Figure {
  value: number;
  target: Target;
  met: boolean;
  unit: string;
}

function figure(value: number, target: Target, unit: string): Figure {
  const met = 'atLeast' in target ? value >= target.atLeast : value <= target.atMost;
  return { value: round(value), target, met, unit };
}

const started = performance.now();
if (!(globalThis as { gc?: unknown }).gc) console.error('bench: run with --expose-gc (npm run bench does) so memory figures are taken after a full GC');

const engine = engineEventsPerSecond();
const live = await measureLive();
const startup = await startupToEnforcing(5);

const figures = {
  engine_events_per_s: figure(engine, { atLeast: 200_000 }, 'events/s'),
  violation_to_close_ms_p50: figure(percentile(live.violationToCloseMs, 50), { atMost: 10 }, 'ms'),
  violation_to_close_ms_p99: figure(percentile(live.violationToCloseMs, 99), { atMost: 10 }, 'ms'),
  violation_to_close_ms_max: figure(Math.max(...live.violationToCloseMs), { atMost: 50 }, 'ms'),
  quote_to_snapshot_ms_p99: figure(percentile(live.quoteToSnapshotMs, 99), { atMost: 60 }, 'ms'),
  rss_mb: figure(live.at1M.rssMb, { atMost: 300 }, 'MB'),
  rss_growth_500k_to_1m_mb: figure(live.at1M.rssMb - live.at500k.rssMb, { atMost: 5 }, 'MB'),
  startup_to_enforcing_ms: figure(percentile(startup, 50), { atMost: 1500 }, 'ms (median of 5)'),
};

const allMet = Object.values(figures).every((f) => f.met);
console.log(
  JSON.stringify(
    {
      figures,
      context: {
        violation_samples: live.violationToCloseMs.length,
        quote_to_snapshot_samples: live.quoteToSnapshotMs.length,
        quote_stream_per_s: round(live.quotesPerSecond, 0),
        quote_to_snapshot_ms_p50: round(percentile(live.quoteToSnapshotMs, 50)),
        heap_used_mb_at_500k: round(live.at500k.heapUsedMb),
        heap_used_mb_at_1m: round(live.at1M.heapUsedMb),
        startup_runs_ms: startup.map((s) => round(s, 0)),
        node: process.version,
        cpus: os.cpus().length,
        duration_s: round((performance.now() - started) / 1000, 1),
      },
      all_targets_met: allMet,
    },
    null,
    2,
  ),
);
process.exit(allMet ? 0 : 1);
