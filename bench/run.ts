/**
 * `npm run bench`: one JSON object with every figure, its named target and whether it was met.
 * Exits non-zero when a figure misses its target.
 */
import os from 'node:os';
import { engineEventsPerSecond } from './engine-throughput';
import { measureLive } from './live-figures';
import { measureRenderer } from './renderer-frames';
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
if (!(globalThis as { gc?: unknown }).gc)
  console.error('bench: run with --expose-gc (npm run bench does) so memory figures are taken after a full GC');

const engine = engineEventsPerSecond();
const live = await measureLive();
const startup = await startupToEnforcing(5);
const renderer = await measureRenderer();

const figures = {
  engine_events_per_s: figure(engine, { atLeast: 200_000 }, 'events/s'),
  violation_to_close_ms_p50: figure(percentile(live.violationToCloseMs, 50), { atMost: 10 }, 'ms'),
  violation_to_close_ms_p99: figure(percentile(live.violationToCloseMs, 99), { atMost: 10 }, 'ms'),
  violation_to_close_ms_max: figure(Math.max(...live.violationToCloseMs), { atMost: 50 }, 'ms'),
  quote_to_snapshot_ms_p99: figure(percentile(live.quoteToSnapshotMs, 99), { atMost: 60 }, 'ms'),
  rss_mb: figure(live.at1M.rssMb, { atMost: 300 }, 'MB'),
  rss_growth_500k_to_1m_mb: figure(live.at1M.rssMb - live.at500k.rssMb, { atMost: 5 }, 'MB'),
  dashboard_frame_interval_ms_p99_at_2000_quotes_per_s: figure(percentile(renderer.frameIntervalsMs, 99), { atMost: 50 }, 'ms'),
  dashboard_updates_per_s_at_2000_quotes_per_s: figure(renderer.domUpdatesPerSecond, { atMost: 25 }, 'updates/s'),
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
        dashboard_quote_stream_per_s: round(renderer.quotesPerSecond, 0),
        dashboard_frame_interval_ms_p50: round(percentile(renderer.frameIntervalsMs, 50)),
        dashboard_frame_interval_ms_max: round(Math.max(...renderer.frameIntervalsMs)),
        dashboard_frames: renderer.frameIntervalsMs.length,
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
