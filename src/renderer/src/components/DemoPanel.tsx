import { useId, useRef, useState } from 'react';
import type { AccountView, DemoView, MethodName, MethodParams } from '../../../shared/contract';
import { priceText } from '../../../shared/price-text';
import { riskApi } from '../store';
import './DemoPanel.css';

/** The price nudges offered: a few ticks, and a move large enough to hurt. */
const NUDGES = [-40, -4, 4, 40] as const;
const MIN_SIZE = 1;
const MAX_SIZE = 10;

/** −40 → "Down 40 ticks (−10.00)" for a 0.25 tick. */
function nudgeLabel(ticks: number, tickSize: number): string {
  const amount = priceText(Math.abs(ticks) * tickSize, tickSize);
  return ticks > 0 ? `Up ${ticks} ticks (+${amount})` : `Down ${-ticks} ticks (−${amount})`;
}

type Outcome = { ok: boolean; text: string } | null;

/**
 * Demo mode only: trade on the built-in simulator and move its prices from the dashboard, to see what
 * Risk Warden does about it. Every click is one call to main, which answers a sentence (or why not).
 */
export function DemoPanel({ demo, accounts }: { demo: DemoView; accounts: AccountView[] }) {
  const ids = useId();
  const [accountChoice, setAccountChoice] = useState<number | null>(null);
  const [contractChoice, setContractChoice] = useState<string | null>(null);
  const [sizeText, setSizeText] = useState('1');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  const account = accounts.find((a) => a.id === accountChoice) ?? accounts[0] ?? null;
  const contract = demo.contracts.find((c) => c.contractId === contractChoice) ?? demo.contracts[0] ?? null;
  const size = Number(sizeText);
  const sizeOk = sizeText.trim() !== '' && Number.isInteger(size) && size >= MIN_SIZE && size <= MAX_SIZE;

  // A double click must not place two orders: one call at a time, before React has re-rendered the buttons disabled.
  const inFlight = useRef(false);
  const run = async <M extends MethodName>(method: M, params: MethodParams<M>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const result = (await riskApi().call(method, params)) as { message: string };
      setOutcome({ ok: true, text: result.message });
    } catch (error) {
      setOutcome({ ok: false, text: (error as Error).message });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const order = (side: 'buy' | 'sell') => {
    if (!account || !contract || !sizeOk) return;
    void run('demoOrder', { accountId: account.id, contractId: contract.contractId, side, size });
  };

  return (
    <section className="panel demo-panel" aria-labelledby={`${ids}-title`} aria-busy={busy} data-testid="demo-panel">
      <header className="demo-head">
        <h2 id={`${ids}-title`}>Try it</h2>
        <span className="demo-mark">Simulator — not a real account</span>
      </header>
      <p className="demo-intro">
        Risk Warden watches your account and closes positions, flattens and locks when a rule you set is broken. Try it: buy more than your
        max contracts, or move the price against you.
      </p>
      <form className="demo-form" onSubmit={(event) => event.preventDefault()}>
        {accounts.length > 1 && (
          <div className="demo-field">
            <label htmlFor={`${ids}-account`}>Account</label>
            <select id={`${ids}-account`} value={account?.id ?? ''} onChange={(event) => setAccountChoice(Number(event.target.value))}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="demo-row">
          <div className="demo-field">
            <label htmlFor={`${ids}-contract`}>Contract</label>
            <select
              id={`${ids}-contract`}
              value={contract?.contractId ?? ''}
              onChange={(event) => setContractChoice(event.target.value)}
              data-testid="demo-contract"
            >
              {demo.contracts.map((c) => (
                <option key={c.contractId} value={c.contractId}>
                  {c.symbol} — {c.description}
                </option>
              ))}
            </select>
          </div>
          <div className="demo-field demo-size">
            <label htmlFor={`${ids}-size`}>Size (1–10 contracts)</label>
            <input
              id={`${ids}-size`}
              type="number"
              inputMode="numeric"
              min={MIN_SIZE}
              max={MAX_SIZE}
              step={1}
              value={sizeText}
              aria-invalid={!sizeOk}
              aria-describedby={sizeOk ? undefined : `${ids}-size-hint`}
              onChange={(event) => setSizeText(event.target.value)}
              data-testid="demo-size"
            />
          </div>
        </div>
        {!sizeOk && (
          <p id={`${ids}-size-hint`} className="demo-hint">
            Choose a whole number of contracts from 1 to 10.
          </p>
        )}
        {contract && (
          <p className="demo-price" data-testid="demo-price">
            {contract.symbol} last price{' '}
            <strong>{contract.price === null ? 'not quoted yet' : priceText(contract.price, contract.tickSize)}</strong>
          </p>
        )}
        <div className="demo-actions" role="group" aria-label="Place an order at market">
          <button type="button" className="demo-buy" disabled={busy || !sizeOk || !account || !contract} onClick={() => order('buy')}>
            Buy {sizeOk ? size : ''} {contract?.symbol}
          </button>
          <button type="button" className="demo-sell" disabled={busy || !sizeOk || !account || !contract} onClick={() => order('sell')}>
            Sell {sizeOk ? size : ''} {contract?.symbol}
          </button>
          <button
            type="button"
            disabled={busy || !account}
            onClick={() => account && void run('demoCloseAll', { accountId: account.id })}
            title="Closes every position of this account at market and cancels its working orders"
          >
            Close all
          </button>
        </div>
        {contract && (
          <div className="demo-actions" role="group" aria-label={`Move the price of ${contract.symbol}`}>
            <span className="demo-group-label" aria-hidden="true">
              Move {contract.symbol}
            </span>
            {NUDGES.map((ticks) => (
              <button key={ticks} type="button" onClick={() => void run('demoNudge', { contractId: contract.contractId, ticks })}>
                {nudgeLabel(ticks, contract.tickSize)}
              </button>
            ))}
          </div>
        )}
      </form>
      <p
        className={outcome ? `demo-result ${outcome.ok ? 'demo-result-ok' : 'demo-result-bad'}` : 'demo-result'}
        role="status"
        aria-live="polite"
        data-testid="demo-result"
      >
        {outcome?.text ?? ''}
      </p>
      <p className="demo-foot muted">
        The simulator&apos;s own page, with its control API for scripts: <code data-testid="demo-simulator-url">{demo.simulatorUrl}</code>
      </p>
    </section>
  );
}
