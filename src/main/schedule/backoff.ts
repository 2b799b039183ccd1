/** The wait before retry number `attempt` (from 0): the table's step, and its last step once past the end. */
export function backoffStep(table: readonly number[], attempt: number): number {
  return table[Math.min(attempt, table.length - 1)]!;
}
