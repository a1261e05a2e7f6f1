// The machine-readable result: the last line of `--format json`, check.json in the output folder, and what
// `--baseline FILE` reads back (its `run`).
import type { CheckOutcome, RunResult, SavedRun } from '../types';

const round = (n: number) => (Number.isFinite(n) ? Math.round(n) : null);

function savedRun(run: RunResult): SavedRun {
  const { label, runtime, requests, bytesPerMinute, perRequest, points } = run;
  return { label, runtime, requests, bytesPerMinute, perRequest, points };
}

export function summaryObject(outcome: CheckOutcome, reports: Record<string, string>) {
  const { candidate: c, comparison } = outcome;
  return {
    type: 'summary',
    growing: outcome.failed,
    state: c.trend.state,
    bytesPerMinute: round(c.bytesPerMinute),
    bytesPerRequest: round(c.perRequest.slope),
    requests: c.requests,
    non2xx: c.non2xx,
    errors: c.errors,
    ...(comparison
      ? {
          baseline: {
            bytesPerRequest: round(comparison.baseline.perRequest.slope),
            requests: comparison.baseline.requests,
            difference: round(comparison.difference),
            noiseBand: round(comparison.noiseBand),
            regressed: comparison.regressed,
          },
        }
      : {}),
    ...(c.evidence
      ? {
          evidence: {
            kind: c.evidence.kind,
            files: c.evidence.files,
            ...(c.evidence.problem ? { problem: c.evidence.problem } : {}),
            sites: c.evidence.sites.map(({ finding: _finding, ...site }) => site),
          },
        }
      : {}),
    reports,
    run: savedRun(c),
  };
}
