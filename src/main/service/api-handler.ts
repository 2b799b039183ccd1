/**
 * Serves RiskApi calls for both bridges (Electron IPC, web-host WebSocket). Every payload is
 * validated with the shared zod schema before it reaches the service; bad input is an ApiError,
 * never a crash.
 */
import { isMethodName, riskApiMethods, type MethodName, type MethodResult } from '../../shared/contract';
import type { z } from 'zod';
import type { RiskService } from './risk-service';

export class ApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

type Handlers = {
  [M in MethodName]: (service: RiskService, params: z.infer<(typeof riskApiMethods)[M]['params']>) => MethodResult<M> | Promise<MethodResult<M>>;
};

const handlers: Handlers = {
  getSnapshot: (service) => service.snapshot(),
};

export async function handleApiCall(service: RiskService, method: unknown, params: unknown): Promise<unknown> {
  if (!isMethodName(method)) throw new ApiError(`unknown method ${JSON.stringify(method)}`);
  const parsed = riskApiMethods[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(`${method}: invalid params at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return handlers[method](service, parsed.data as never);
}
