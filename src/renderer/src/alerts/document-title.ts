/** The browser tab's title: the dashboard's state first, so a tab among twenty still tells it. */
import type { Snapshot } from '../../../shared/contract';
import { lockedAccountNames, type DashboardState } from './dashboard-state';

export function documentTitle(state: DashboardState, snapshot: Snapshot | null): string {
  switch (state) {
    case 'offline':
      return 'NOT PROTECTED — Risk Warden offline';
    case 'locked':
      return `LOCKED · ${lockedList(lockedAccountNames(snapshot))} — Risk Warden`;
    case 'stale':
      return 'Data stale — Risk Warden';
    case 'warning':
      return 'Warning — Risk Warden';
    case 'ok':
      return 'Risk Warden — OK';
  }
}

/** "PRAC-V2-RW-DEMO-50K", or with more accounts locked "PRAC-…-50K +2". */
function lockedList(names: string[]): string {
  const [first, ...rest] = names;
  if (first === undefined) return 'an account';
  return rest.length === 0 ? first : `${first} +${rest.length}`;
}
