import type { AccountView } from '../../../shared/contract';
import { signedMoney, tone } from '../format';

export function PositionsTable({ account }: { account: AccountView }) {
  return (
    <section className="panel" aria-labelledby="positions-heading">
      <h2 id="positions-heading">Positions</h2>
      {account.positions.length === 0 ? (
        <p className="empty" data-testid="positions-empty">
          Flat — no open positions
        </p>
      ) : (
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
                <td className="num">{p.markPrice?.toFixed(2) ?? '—'}</td>
                <td className={`num ${tone(p.unrealized ?? 0)}`}>{p.unrealized === null ? '—' : signedMoney(p.unrealized)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {account.openOrders.length > 0 && (
        <>
          <h3>Working orders</h3>
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
        </>
      )}
    </section>
  );
}
