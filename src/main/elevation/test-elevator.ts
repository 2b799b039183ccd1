/**
 * A stand-in for the OS prompt, for demo mode with the simulator only (tests, demos): it answers
 * the way pkexec would — approved with proof, denied, dismissed, missing, or a child that exits 0
 * without proof — and its answer goes through the same reading as the real prompt's.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ChildResult } from './child-result';
import type { ElevationOutcome, Elevator } from './elevator';
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

  constructor(private readonly nextAnswer: () => TestElevationAnswer) {}

  elevate(): Promise<ElevationOutcome> {
    const nonce = randomBytes(16).toString('hex');
    return Promise.resolve(interpretPrompt('linux', nonce, childFor(this.nextAnswer(), nonce)));
  }
}
