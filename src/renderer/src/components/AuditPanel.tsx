import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../shared/contract';
import { wallClock } from '../format';
import { riskApi, useDashboard } from '../store';
import { actionWords, actorWords } from './audit-words';

const REFRESH_MS = 5_000;

/** The audit log as stored: locks, unlocks (every admin attempt), resets and config changes, times in the trading zone. */
export function AuditPanel() {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timeZone = useDashboard((s) => s.snapshot?.tradingDay.timezone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const accounts = useDashboard((s) => s.snapshot?.accounts);
  useEffect(() => {
    const load = () =>
      riskApi()
        .call('getAuditLog', { limit: 200 })
        .then(setEntries, (e: Error) => setError(e.message));
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!entries) return <p className="empty">Loading the audit log…</p>;
  const accountName = (id: number | null) => (id === null ? '' : (accounts?.find((a) => a.id === id)?.name ?? String(id)));
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <table className="table" data-testid="audit-log">
        <thead>
          <tr>
            <th>Time</th>
            <th>By</th>
            <th>What</th>
            <th>Account</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">
                <time dateTime={e.at}>{wallClock(e.at, timeZone)}</time>
              </td>
              <td className="nowrap">{actorWords(e.actor)}</td>
              <td>{actionWords(e.action)}</td>
              <td>{accountName(e.accountId)}</td>
              <td>{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
