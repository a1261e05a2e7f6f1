// Messages between the snapshot worker thread and its caller.
import { deserialize, serialize } from 'node:v8';
import type { Baseline, CompareOptions, SnapshotComparison } from './diff';
import type { IdSet } from './idSet';
import type { SnapshotSummary } from './summary';

export type WorkerRequest =
  | { kind: 'summary'; file: string }
  // A comparison takes two workers: one reduces the first snapshot to its baseline, the other reads and
  // analyses the second (meanwhile, or once the first has ended), then compares once it is sent the baseline
  // (a second message).
  | { kind: 'baseline'; file: string }
  // analyseAfterBaseline: the second file is only read until the baseline is in (less memory at once).
  | { kind: 'compare-with-baseline'; file: string; options?: CompareOptions; analyseAfterBaseline: boolean };

/**
 * The first worker's reply and the second message of a `compare-with-baseline` job: the baseline serialized
 * by the first worker and deserialized only by the second, so that the caller's thread, which passes it on,
 * holds its bytes (moved, not copied) instead of its objects while the second file is analysed. The id set,
 * typed arrays, travels as it is.
 */
export interface BaselineMessage {
  kind: 'baseline';
  serialized: Uint8Array;
  ids: IdSet;
}

export function baselineMessage(baseline: Baseline): BaselineMessage {
  const { ids, ...rest } = baseline;
  const bytes = serialize(rest);
  // A buffer of its own, so that moving it moves nothing else.
  const serialized = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  return { kind: 'baseline', serialized, ids };
}

export function baselineOfMessage(message: BaselineMessage): Baseline {
  return { ...(deserialize(message.serialized) as Omit<Baseline, 'ids'>), ids: message.ids };
}

export type WorkerReply =
  | { kind: 'progress'; message: string; fraction: number }
  | { kind: 'summary'; summary: SnapshotSummary }
  | { kind: 'comparison'; comparison: SnapshotComparison }
  | BaselineMessage
  | { kind: 'error'; message: string };
