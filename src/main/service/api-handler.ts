/**
 * Serves RiskApi calls for both bridges (Electron IPC, web-host WebSocket). Every payload is
 * validated with the shared zod schema before it reaches the service; bad input is an ApiError,
 * never a crash.
 */
import { isMethodName, riskApiMethods, type CallReply, type MethodName, type MethodResult } from '../../shared/contract';
import type { z } from 'zod';
import type { SettingsPort } from '../settings/settings-port';
import type { DemoControl } from './demo-control';
import type { RiskService } from './risk-service';

/**
 * What a bridge serves calls from: the running service and the settings of whichever host runs it.
 * The desktop app may have no service (its start failed and is retried); settings still answer.
 */
export interface ApiContext {
  service: RiskService | null;
  /** Why there is no service, for every call that needs one. */
  whyNoService?: string;
  settings: SettingsPort;
  /** Demo mode only: the simulator the demo panel drives. */
  demo?: DemoControl | null;
}

export class ApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

type Handlers = {
  [M in MethodName]: (
    context: ApiContext,
    params: z.infer<(typeof riskApiMethods)[M]['params']>,
  ) => MethodResult<M> | Promise<MethodResult<M>>;
};

function serviceOf(context: ApiContext): RiskService {
  if (!context.service) throw new ApiError(context.whyNoService ?? 'Risk Warden is not running');
  return context.service;
}

function demoOf(context: ApiContext): DemoControl {
  if (!context.demo) throw new ApiError('The demo panel works only in demo mode, on the built-in simulator');
  return context.demo;
}

const handlers: Handlers = {
  getSnapshot: (context) => serviceOf(context).snapshot(),
  requestUnlock: (context, { accountId, reason, choice }) => serviceOf(context).requestUnlock(accountId, reason, choice),
  getSettings: ({ settings }) => settings.view(),
  saveSettings: ({ settings }, input) => settings.save(input),
  testWebhook: ({ settings }) => settings.testWebhook(),
  getConfigView: (context) => serviceOf(context).configView(),
  getPnlHistory: (context, { accountId }) => serviceOf(context).pnlHistory(accountId),
  getAuditLog: (context, { limit }) => serviceOf(context).auditLog(limit),
  demoOrder: (context, order) => demoOf(context).order(order),
  demoCloseAll: (context, { accountId }) => demoOf(context).closeAll(accountId),
  demoNudge: (context, nudge) => demoOf(context).nudge(nudge),
  selfLock: (context, request) => serviceOf(context).selfLock(request),
  selfLockPreview: (context, request) => serviceOf(context).selfLockPreview(request),
  killSwitch: (context) => serviceOf(context).killSwitch('dashboard'),
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

/** The call's outcome as a reply that never rejects: what both bridges send back. */
export function replyToCall(context: ApiContext, method: unknown, params: unknown): Promise<CallReply> {
  return handleApiCall(context, method, params).then(
    (result) => ({ ok: true, result }),
    (error: unknown) => ({ ok: false, error: (error as Error).message }),
  );
}
