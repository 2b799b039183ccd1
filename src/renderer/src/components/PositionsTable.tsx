import type { AccountView } from '../../../shared/contract';
import { age, signedMoney, tone } from '../format';
import { useServiceNow } from '../service-clock';
import type { Freshness } from './strip-state';

/** The mark, and how old it is once it is older than the stale threshold (service clock). */
function Mark({ price, at, now, staleAfterMs }: { price: number | null; at: string | null; now: number; staleAfterMs: number }) {
  const old = at !== null && now - Date.parse(at) > staleAfterMs;
  return (
    <td className={`num ${old ? 'stale-value' : ''}`}>
      {price?.toFixed(2) ?? '—'}
      {old && (
        <span className="mark-age" data-testid="mark-age">
          {age(at, now)} old
        </span>
      )}
    </td>
  );
}

/** Open positions and working orders; the tables scroll inside their own box when the window is narrow. */
export function PositionsTable({
  account,
  freshness = 'live',
  staleAfterMs,
}: {
  account: AccountView;
  freshness?: Freshness;
  /** The snapshot's marksStaleAfterMs. */
  staleAfterMs: number;
}) {
  const now = useServiceNow();
  return (
    <section className={`panel ${freshness === 'live' ? '' : 'dimmed'}`} aria-labelledby={`positions-heading-${account.id}`}>
      <h2 id={`positions-heading-${account.id}`}>Positions</h2>
      {account.positions.length === 0 ? (
        <p className="empty" data-testid="positions-empty">
          Flat — no open positions
        </p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Open positions">
          <table className="table" data-testid="positions">
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Avg price
                </th>
                <th scope="col" className="num">
                  Mark
                </th>
                <th scope="col" className="num">
                  Unrealized
                </th>
              </tr>
            </thead>
            <tbody>
              {account.positions.map((p) => (
                <tr key={p.contractId} data-testid={`position-${p.symbol}`}>
                  <td title={p.contractId}>{p.symbol}</td>
                  <td className={`num ${p.size > 0 ? 'gain' : 'loss'}`}>{p.size > 0 ? `+${p.size}` : p.size}</td>
                  <td className="num">{p.averagePrice.toFixed(2)}</td>
                  <Mark price={p.markPrice} at={p.markAt} now={now} staleAfterMs={staleAfterMs} />
                  <td className={`num ${tone(p.unrealized ?? 0)}`}>{p.unrealized === null ? '—' : signedMoney(p.unrealized)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {account.openOrders.length > 0 && (
        <>
          <h3>Working orders</h3>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Working orders">
            <table className="table" data-testid="orders">
              <tbody>
                {account.openOrders.map((o) => (
                  <tr key={o.id}>
                    <td>{o.symbol}</td>
                    <td>{o.side}</td>
                    <td>{o.kind}</td>
                    <td className="num">{o.size}</td>
                    <td className="num">{(o.limitPrice ?? o.stopPrice)?.toFixed(2) ?? 'market'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
