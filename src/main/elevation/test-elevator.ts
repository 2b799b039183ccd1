/**
 * A stand-in for the OS prompt, for demo mode with the simulator only (tests, demos): it answers
 * the way pkexec would — approved with proof, denied, dismissed, missing, or a child that exits 0
 * without proof — and its answer goes through the same reading as the real prompt's.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ChildResult } from './child-result';
import type { ElevationOutcome, ElevationRequest, Elevator } from './elevator';
import { interpretPrompt } from './os-prompt';

export const TestElevationAnswerSchema = z.enum(['approve', 'deny', 'cancel', 'unavailable', 'no-proof']);
export type TestElevationAnswer = z.infer<typeof TestElevationAnswerSchema>;

function childFor(answer: TestElevationAnswer, nonce: string): ChildResult {
  const base: ChildResult = { exitCode: 0, stdout: '', stderr: '', spawnError: null, timedOut: false };
  switch (answer) {
    case 'approve':
      return { ...base, stdout: `riskwarden-elevated ${nonce} uid=0\n` };
    case 'deny':
      return { ...base, exitCode: 127, stderr: 'Error executing command as another user: Not authorized\n' };
    case 'cancel':
      return { ...base, exitCode: 126, stderr: 'Error executing command as another user: Request dismissed\n' };
    case 'unavailable':
      return { ...base, exitCode: null, spawnError: 'ENOENT' };
    case 'no-proof':
      return base;
  }
}

export class TestElevator implements Elevator {
  readonly name = 'test elevator (simulator)';

  /**
   * `simulatorHas` names the accounts the scripted answer may unlock: the simulator's own. Without
   * it a demo instance pointed at a live data folder could approve the live account's unlock.
   */
  constructor(
    private readonly nextAnswer: () => TestElevationAnswer,
    private readonly simulatorHas: (accountId: number) => boolean,
  ) {}

  elevate(request: ElevationRequest): Promise<ElevationOutcome> {
    if (!this.simulatorHas(request.accountId))
      return Promise.resolve({
        kind: 'refused',
        message: `the test elevator answers only for the simulator's accounts and ${request.accountId} is not one of them; a real account is unlocked through the OS prompt — nothing was unlocked`,
      });
    const nonce = randomBytes(16).toString('hex');
    return Promise.resolve(interpretPrompt('linux', nonce, childFor(this.nextAnswer(), nonce)));
  }
}
