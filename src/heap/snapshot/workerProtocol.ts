// Messages between the snapshot worker thread and its caller.
import type { Baseline, CompareOptions, SnapshotComparison } from './diff';
import type { SnapshotSummary } from './summary';

export type WorkerRequest =
  | { kind: 'summary'; file: string }
  // A comparison takes two workers: one reduces the first snapshot to its baseline, the other reads and
  // analyses the second (meanwhile, or once the first has ended), then compares once it is sent the baseline
  // (a second message).
  | { kind: 'baseline'; file: string }
  // analyseAfterBaseline: the second file is only read until the baseline is in (less memory at once).
  | { kind: 'compare-with-baseline'; file: string; options?: CompareOptions; analyseAfterBaseline: boolean };

/** The second message of a `compare-with-baseline` job. */
export interface BaselineMessage {
  kind: 'baseline';
  baseline: Baseline;
}

export type WorkerReply =
  | { kind: 'progress'; message: string; fraction: number }
  | { kind: 'summary'; summary: SnapshotSummary }
  | { kind: 'comparison'; comparison: SnapshotComparison }
  | BaselineMessage
  | { kind: 'error'; message: string };
