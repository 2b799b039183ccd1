/** Electron channel names. Dependency-free: the sandboxed preload can require nothing but electron. */
export const IPC_CHANNELS = { call: 'riskApi:call', event: 'riskApi:event' } as const;
