/**
 * Serves RiskApi calls for both bridges (Electron IPC, web-host WebSocket). Every payload is
 * validated with the shared zod schema before it reaches the service; bad input is an ApiError,
 * never a crash.
 */
import { isMethodName, riskApiMethods, type MethodName, type MethodResult } from '../../shared/contract';
import type { z } from 'zod';
import type { SettingsPort } from '../settings/settings-port';
import type { RiskService } from './risk-service';

/** What a bridge serves calls from: the running service and the settings of whichever host runs it. */
export interface ApiContext {
  service: RiskService;
  settings: SettingsPort;
}

export class ApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

type Handlers = {
  [M in MethodName]: (context: ApiContext, params: z.infer<(typeof riskApiMethods)[M]['params']>) => MethodResult<M> | Promise<MethodResult<M>>;
};

const handlers: Handlers = {
  getSnapshot: ({ service }) => service.snapshot(),
  requestUnlock: ({ service }, { accountId, reason }) => service.requestUnlock(accountId, reason),
  getSettings: ({ settings }) => settings.view(),
  saveSettings: ({ settings }, input) => settings.save(input),
  getConfigView: ({ service }) => service.configView(),
  getPnlHistory: ({ service }, { accountId }) => service.pnlHistory(accountId),
  getAuditLog: ({ service }, { limit }) => service.auditLog(limit),
};

export async function handleApiCall(context: ApiContext, method: unknown, params: unknown): Promise<unknown> {
  if (!isMethodName(method)) throw new ApiError(`unknown method ${JSON.stringify(method)}`);
  const parsed = riskApiMethods[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(`${method}: invalid params at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return handlers[method](context, parsed.data as never);
}
