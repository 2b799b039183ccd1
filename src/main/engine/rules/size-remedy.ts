import { z } from 'zod';
import type { Position } from '../../../shared/domain';
import type { Remedy } from '../rule';

/** close_position closes the whole position; reduce_to_limit trims only the excess (Position/partialCloseContract). */
export const sizeActionSchema = z.enum(['close_position', 'reduce_to_limit']).default('close_position');
export type SizeAction = z.infer<typeof sizeActionSchema>;

/** What a position that takes the count `excess` contracts past a limit gets. */
export function sizeRemedy(position: Position, limit: number, action: SizeAction, excess = Math.abs(position.size) - limit): Remedy {
  if (action === 'reduce_to_limit' && excess < Math.abs(position.size))
    return { kind: 'reducePosition', contractId: position.contractId, size: excess, targetSize: Math.abs(position.size) - excess };
  return { kind: 'closePosition', contractId: position.contractId };
}
