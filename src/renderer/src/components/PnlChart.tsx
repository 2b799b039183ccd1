import { useEffect, useState } from 'react';
import type { AccountView, PnlHistoryView } from '../../../shared/contract';
import { money, signedMoney } from '../format';
import { riskApi } from '../store';

const WIDTH = 600;
const HEIGHT = 160;
const PAD = 8;
const REFRESH_MS = 5_000;

function ruleLimit(account: AccountView, name: string): number | null {
  const rule = account.rules.find((r) => r.name === name);
  return rule?.enabled ? rule.limit : null;
}

/** Today's P&L with the daily loss limit and the profit target drawn across it. */
export function PnlChart({ account }: { account: AccountView }) {
  const [history, setHistory] = useState<PnlHistoryView['points']>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      riskApi()
        .call('getPnlHistory', { accountId: account.id })
        .then((view) => live && setHistory(view.points))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // A fill changes the curve at once; reload then rather than wait for the next refresh.
  }, [account.id, account.tradeCount]);

  const loss = ruleLimit(account, 'daily_realized_loss');
  const target = ruleLimit(account, 'daily_realized_profit');
  const now = Date.now();
  const recorded = history.map((p) => ({ t: Date.parse(p.at), v: p.total }));
  const points = [...(recorded.length ? recorded : [{ t: now - 60_000, v: account.pnl.total }]), { t: now, v: account.pnl.total }];
  const values = [...points.map((p) => p.v), 0, ...(loss !== null ? [loss] : []), ...(target !== null ? [target] : [])];
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const span = high - low || 1;
  const t0 = points[0]!.t;
  const tSpan = points.at(-1)!.t - t0 || 1;
  const x = (t: number) => PAD + ((t - t0) / tSpan) * (WIDTH - 2 * PAD);
  const y = (v: number) => PAD + ((high - v) / span) * (HEIGHT - 2 * PAD);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const line = (v: number, className: string) => <line className={className} x1={PAD} x2={WIDTH - PAD} y1={y(v)} y2={y(v)} />;
  const label = (v: number, className: string, text: string) => (
    <span className={`chart-label ${className}`} style={{ top: `${(y(v) / HEIGHT) * 100}%` }}>
      {text} {money(v)}
    </span>
  );
  return (
    <figure className="panel chart" data-testid="pnl-chart">
      <figcaption>
        P&amp;L today <span className="muted">{signedMoney(account.pnl.total)}</span>
      </figcaption>
      <div className="chart-area">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`P&L today ${signedMoney(account.pnl.total)}${loss !== null ? `, loss limit ${money(loss)}` : ''}${target !== null ? `, profit target ${money(target)}` : ''}`}
        >
          <line className="chart-zero" x1={PAD} x2={WIDTH - PAD} y1={y(0)} y2={y(0)} />
          {loss !== null && line(loss, 'chart-limit')}
          {target !== null && line(target, 'chart-target')}
          <path className={account.pnl.total < 0 ? 'chart-line loss-line' : 'chart-line'} d={path} />
        </svg>
        {loss !== null && label(loss, 'chart-limit', 'Loss limit')}
        {target !== null && label(target, 'chart-target', 'Profit target')}
      </div>
    </figure>
  );
}
