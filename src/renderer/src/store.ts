/** The dashboard's one store, fed only by riskApi: the main process decides what to show. */
import { create } from 'zustand';
import type { Snapshot } from '../../shared/contract';
import { connectRiskApi, type TransportState } from './api';

interface DashboardState {
  snapshot: Snapshot | null;
  transport: TransportState;
  error: string | null;
}

export const useDashboard = create<DashboardState>(() => ({ snapshot: null, transport: 'connecting', error: null }));

export function startDashboardFeed(): void {
  const api = connectRiskApi((transport) => {
    useDashboard.setState({ transport });
    if (transport === 'open') {
      api.call('getSnapshot', {}).then(
        (snapshot) => useDashboard.setState({ snapshot, error: null }),
        (error: Error) => useDashboard.setState({ error: error.message }),
      );
    }
  });
  api.on('snapshot', (snapshot) => useDashboard.setState({ snapshot }));
}
