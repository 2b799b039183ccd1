import { useEffect, useRef, useState, type RefObject } from 'react';
import type { AccountView, PnlHistoryView } from '../../../shared/contract';
import { axisMoney, clockTime, niceTicks, signedMoney } from '../format';
import { useServiceNow } from '../service-clock';
import { riskApi } from '../store';
import './PnlChart.css';

const HEIGHT = 220;
const MARGIN = { top: 12, right: 104, bottom: 26, left: 58 };
const REFRESH_MS = 5_000;
const MINUTE = 60_000;
/** A few seconds of a new day still fill the width: the curve is what matters, not empty time. */
const MIN_SPAN_MS = 10_000;
const TIME_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360];
/** An open loss beyond this share of the limit is worth a word when the limit does not count it. */
const UNCOUNTED_SHARE = 0.25;

type Figure = 'realized' | 'total';

const FIGURE_LABEL: Record<Figure, string> = {
  realized: 'Closed trades (realized, net of fees)',
  total: 'Total P&L (realized + open)',
};

function ruleLimit(account: AccountView, name: string): number | null {
  const rule = account.rules.find((r) => r.name === name);
  return rule?.enabled ? rule.limit : null;
}

function timeTicks(t0: number, t1: number, most: number): number[] {
  const spanMin = (t1 - t0) / MINUTE;
  const stepMin = TIME_STEPS_MIN.find((s) => spanMin / s <= most) ?? TIME_STEPS_MIN.at(-1)!;
  const step = stepMin * MINUTE;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
  return ticks;
}

function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(280, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * Today's P&L as the daily loss limit measures it (closed trades only, or with open positions), the other
 * figure faint beside it, the loss limit and the profit target labelled outside the plot.
 */
export function PnlChart({ account, timeZone }: { account: AccountView; timeZone: string }) {
  const [history, setHistory] = useState<PnlHistoryView | null>(null);
  const [ref, width] = useWidth();
  const now = useServiceNow(REFRESH_MS);
  useEffect(() => {
    let live = true;
    const load = () =>
      riskApi()
        .call('getPnlHistory', { accountId: account.id })
        .then((view) => live && setHistory(view))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // A fill changes the curve at once; reload then rather than wait for the next refresh.
  }, [account.id, account.tradeCount]);

  const counts = history?.lossLimitCounts ?? null;
  const main: Figure = counts ?? 'total';
  const other: Figure = main === 'realized' ? 'total' : 'realized';
  const loss = ruleLimit(account, 'daily_realized_loss');
  const target = ruleLimit(account, 'daily_realized_profit');

  const recorded = (history?.points ?? []).map((p) => ({ t: Date.parse(p.at), realized: p.realized, total: p.total }));
  // The figures in the snapshot are the newest; the service clock here ticks only every refresh.
  const current = { t: Math.max(now, recorded.at(-1)?.t ?? now), realized: account.pnl.realized, total: account.pnl.total };
  const first = recorded[0] ?? { ...current, t: now - 10 * MINUTE };
  const points = [...(recorded.length ? recorded : [first]), current].filter((p, i, all) => i === 0 || p.t >= all[i - 1]!.t);

  const limits = [...(loss !== null ? [loss] : []), ...(target !== null ? [target] : [])];
  const values = [0, ...limits, ...points.flatMap((p) => [p.realized, p.total])];
  const yTicks = niceTicks(Math.min(...values), Math.max(...values));
  const [low, high] = [yTicks[0]!, yTicks.at(-1)!];
  const t0 = points[0]!.t;
  const t1 = Math.max(points.at(-1)!.t, t0 + MIN_SPAN_MS);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const x = (t: number) => MARGIN.left + ((t - t0) / (t1 - t0)) * plotWidth;
  const y = (v: number) => MARGIN.top + ((high - v) / (high - low || 1)) * (plotBottom - MARGIN.top);
  const path = (figure: Figure) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p[figure]).toFixed(1)}`).join(' ');
  const ticks = timeTicks(t0, t1, Math.max(2, Math.floor(plotWidth / 90)));
  // Within the first minute no round minute falls inside: the last moment is labelled instead.
  const xTicks = ticks.length ? ticks.map((t) => ({ t, anchor: 'middle' as const })) : [{ t: t1, anchor: 'end' as const }];

  const unrealized = account.pnl.unrealized;
  const uncounted = counts === 'realized' && loss !== null && unrealized < -UNCOUNTED_SHARE * Math.abs(loss);
  const figureNow = (figure: Figure) => (figure === 'realized' ? account.pnl.realized : account.pnl.total);
  const lowest = Math.min(...points.map((p) => p[main]));
  const description = [
    `${FIGURE_LABEL[main]}: ${signedMoney(figureNow(main))} now, lowest ${signedMoney(lowest)} today.`,
    `${FIGURE_LABEL[other]}: ${signedMoney(figureNow(other))}.`,
    loss !== null ? `Daily loss limit ${signedMoney(loss)}${counts === 'realized' ? ', counting closed trades only' : ''}.` : '',
    target !== null ? `Profit target ${signedMoney(target)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');

  // Limit labels sit in the right margin; when two would overlap, the lower one moves down.
  const limitLabels = [
    ...(target !== null ? [{ value: target, text: 'Profit target', className: 'rw-chart-target' }] : []),
    ...(loss !== null ? [{ value: loss, text: 'Loss limit', className: 'rw-chart-limit' }] : []),
  ]
    .map((l) => ({ ...l, at: y(l.value) }))
    .sort((a, b) => a.at - b.at);
  for (let i = 1; i < limitLabels.length; i++) {
    const above = limitLabels[i - 1]!;
    if (limitLabels[i]!.at - above.at < 30) limitLabels[i]!.at = above.at + 30;
  }

  const id = `pnl-chart-${account.id}`;
  return (
    <figure className="panel rw-chart" data-testid="pnl-chart">
      <figcaption className="rw-chart-caption">
        <span>
          P&amp;L today <strong>{signedMoney(figureNow(main))}</strong>
        </span>
        <span className="rw-chart-legend" data-testid="chart-legend">
          <span className="rw-legend-item">
            <svg width="22" height="8" aria-hidden="true">
              <line className="rw-chart-main" x1="0" x2="22" y1="4" y2="4" />
            </svg>
            {FIGURE_LABEL[main]}
            {counts && <span className="rw-legend-note"> — what the daily loss limit counts</span>}
          </span>
          <span className="rw-legend-item rw-legend-other">
            <svg width="22" height="8" aria-hidden="true">
              <line className="rw-chart-other" x1="0" x2="22" y1="4" y2="4" />
            </svg>
            {FIGURE_LABEL[other]}
          </span>
        </span>
      </figcaption>
      {uncounted && (
        <p className="rw-chart-hint" data-testid="chart-uncounted">
          Open loss of {signedMoney(unrealized)} is not counted by your daily loss limit until positions close.
        </p>
      )}
      <div className="rw-chart-area" ref={ref}>
        <svg width={width} height={HEIGHT} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
          <title id={`${id}-title`}>P&amp;L today</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <g className="rw-chart-axis" data-testid="chart-y-axis">
            {yTicks.map((v) => (
              <g key={v}>
                <line
                  className={v === 0 ? 'rw-chart-zero' : 'rw-chart-grid'}
                  x1={MARGIN.left}
                  x2={MARGIN.left + plotWidth}
                  y1={y(v)}
                  y2={y(v)}
                />
                <text x={MARGIN.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">
                  {axisMoney(v)}
                </text>
              </g>
            ))}
          </g>
          <g className="rw-chart-axis" data-testid="chart-x-axis">
            <line className="rw-chart-grid" x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={plotBottom} y2={plotBottom} />
            {xTicks.map(({ t, anchor }) => (
              <text key={t} x={x(t)} y={plotBottom + 16} textAnchor={anchor}>
                {clockTime(t, timeZone)}
              </text>
            ))}
          </g>
          {loss !== null && <line className="rw-chart-limit" x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(loss)} y2={y(loss)} />}
          {target !== null && (
            <line className="rw-chart-target" x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(target)} y2={y(target)} />
          )}
          <path className="rw-chart-other" d={path(other)} />
          <path className="rw-chart-main" d={path(main)} />
          {limitLabels.map((l) => (
            <text key={l.text} className={`rw-chart-limit-label ${l.className}`} x={MARGIN.left + plotWidth + 8} y={l.at}>
              <tspan x={MARGIN.left + plotWidth + 8} dy="-0.2em">
                {l.text}
              </tspan>
              <tspan x={MARGIN.left + plotWidth + 8} dy="1.2em">
                {signedMoney(l.value)}
              </tspan>
            </text>
          ))}
        </svg>
      </div>
    </figure>
  );
}
