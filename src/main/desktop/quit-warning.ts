import type { Snapshot } from '../../shared/contract';

/** Quitting stops enforcement: say so when it matters (positions open or an account locked). */
export function quitWarning(snapshot: Snapshot | null): string | null {
  if (!snapshot) return null;
  const open = snapshot.accounts.reduce((n, a) => n + a.positions.length, 0);
  const locked = snapshot.accounts.filter((a) => a.lockout).map((a) => a.name);
  if (open === 0 && locked.length === 0) return null;
  const facts = [
    ...(open > 0 ? [`${open} position${open > 1 ? 's are' : ' is'} open`] : []),
    ...(locked.length > 0 ? [`${locked.join(', ')} ${locked.length > 1 ? 'are' : 'is'} locked`] : []),
  ];
  return `${facts.join(' and ')}. If Risk Warden quits, enforcement stops: no rule will close a position or keep a locked account flat until it runs again.`;
}
