/** What an elevation child left behind, whichever way it ended. */
export interface ChildResult {
  /** null when the child was killed or never started. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The child could not be started at all (ENOENT, EACCES …). */
  spawnError: string | null;
  timedOut: boolean;
}
