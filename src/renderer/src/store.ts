/** The dashboard's one store, fed only by riskApi: the main process decides what to show. */
import { create } from 'zustand';
import type { RiskApi, Snapshot } from '../../shared/contract';
import { connectRiskApi, type TransportState } from './api';
import { syncServiceClock } from './service-clock';

export type View = 'dashboard' | 'settings' | 'audit';

interface DashboardState {
  snapshot: Snapshot | null;
  transport: TransportState;
  error: string | null;
  view: View;
}

export const useDashboard = create<DashboardState>(() => ({ snapshot: null, transport: 'connecting', error: null, view: 'dashboard' }));

let api: RiskApi | null = null;

/** The contract's calls for components that ask main for something (unlock, settings, history). */
export function riskApi(): RiskApi {
  if (!api) throw new Error('the dashboard feed has not started');
  return api;
}

export function showView(view: View): void {
  useDashboard.setState({ view });
}

/** While main has no service to show (a failed start it retries), ask again: its reason may change. */
const RETRY_SNAPSHOT_MS = 5000;

function showSnapshot(snapshot: Snapshot): void {
  syncServiceClock(snapshot.generatedAt);
  useDashboard.setState({ snapshot, error: null });
}

function loadSnapshot(): void {
  riskApi()
    .call('getSnapshot', {})
    .then(
      (snapshot) => showSnapshot(snapshot),
      (error: Error) => {
        useDashboard.setState({ error: error.message });
        setTimeout(() => {
          const { snapshot, transport } = useDashboard.getState();
          if (!snapshot && transport === 'open') loadSnapshot();
        }, RETRY_SNAPSHOT_MS);
      },
    );
}

export function startDashboardFeed(): void {
  api = connectRiskApi((transport) => {
    useDashboard.setState({ transport });
    if (transport === 'open') loadSnapshot();
  });
  api.on('snapshot', showSnapshot);
}
