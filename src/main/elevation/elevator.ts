/**
 * The port behind admin unlock: ask the operating system to prove an administrator is present.
 * Only an `approved` outcome, which carries the elevated child's proof, may unlock an account.
 */
export type ElevationOutcome =
  { kind: 'approved'; proof: string } | { kind: 'denied' | 'cancelled' | 'unavailable' | 'refused'; message: string };

/** What the administrator is asked to approve. */
export interface ElevationRequest {
  accountId: number;
  purpose: string;
}

export interface Elevator {
  /** What the audit log names as the prompt used ("pkexec", "UAC", "test elevator" …). */
  readonly name: string;
  elevate(request: ElevationRequest): Promise<ElevationOutcome>;
}
