import type { Problem } from '../../../shared/contract';

/** What the trader must know before anything else: damaged storage, altered records, no market data. */
export function ProblemNotices({ problems }: { problems: readonly Problem[] }) {
  return (
    <>
      {problems.map((problem) => (
        <p key={problem.kind} className="notice notice-bad" role="alert" data-testid={`problem-${problem.kind}`}>
          <strong>{problem.title}</strong> — {problem.detail}
        </p>
      ))}
    </>
  );
}
