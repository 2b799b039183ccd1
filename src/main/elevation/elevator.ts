/**
 * The port behind admin unlock: ask the operating system to prove an administrator is present.
 * Only an `approved` outcome, which carries the elevated child's proof, may unlock an account.
 */
export type ElevationOutcome =
  { kind: 'approved'; proof: string } | { kind: 'denied' | 'cancelled' | 'unavailable' | 'refused'; message: string };

export interface Elevator {
  /** What the audit log names as the prompt used ("pkexec", "UAC", "test elevator" …). */
  readonly name: string;
  elevate(purpose: string): Promise<ElevationOutcome>;
}
