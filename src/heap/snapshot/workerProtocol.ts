// Messages between the snapshot worker thread and its caller.
import type { CompareOptions, SnapshotComparison } from './diff';
import type { SnapshotSummary } from './summary';

export type WorkerRequest =
  | { kind: 'summary'; file: string }
  | { kind: 'compare'; before: string; after: string; options?: CompareOptions };

export type WorkerReply =
  | { kind: 'progress'; message: string; fraction: number }
  | { kind: 'summary'; summary: SnapshotSummary }
  | { kind: 'comparison'; comparison: SnapshotComparison }
  | { kind: 'error'; message: string };
