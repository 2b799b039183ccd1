/**
 * The line an elevated child leaves behind: `riskwarden-elevated <nonce> <mark>`, where the nonce
 * is fresh for each attempt and the mark is what the child found about itself (`uid=0`,
 * `admin=True`). Every platform's proof is this line; only where it travels differs.
 */
export const PROOF_TAG = 'riskwarden-elevated';

export function proofLine(nonce: string, mark: string): string {
  return `${PROOF_TAG} ${nonce} ${mark}`;
}

/** What follows `riskwarden-elevated <nonce> ` on a line for this nonce, or null for any other line. */
export function markFor(line: string, nonce: string): string | null {
  const start = `${PROOF_TAG} ${nonce} `;
  return line.startsWith(start) ? line.slice(start.length) : null;
}
