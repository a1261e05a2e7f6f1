// Messages between the snapshot view (custom editor for *.heapsnapshot, comparison panel) and the extension
// host. Both sides validate what they receive; anything malformed or unknown is ignored.
import type { SnapshotComparison } from '../heap/snapshot/diff';
import type { SnapshotSummary } from '../heap/snapshot/summary';

/** What the runtime-vs-static match said about one attribution (by index in `comparison.attributions`). */
export interface AttributionVerdict {
  index: number;
  verdict: 'confirmed' | 'runtime-growth';
  /** The finding's rule and its 1-based line, for the link. */
  rule: string;
  line: number;
  column: number;
}

export type SnapshotHostMessage =
  | { type: 'progress'; message: string; fraction: number }
  | { type: 'summary'; fileName: string; summary: SnapshotSummary }
  | { type: 'comparison'; before: string; after: string; comparison: SnapshotComparison; verdicts: AttributionVerdict[] }
  | { type: 'error'; message: string };

export type SnapshotViewMessage =
  | { type: 'ready' }
  /** Open a source file at a 1-based position; the host only opens local files it can resolve. */
  | { type: 'openSource'; file: string; line: number; column: number };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPos = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000_000;
const isStr = (v: unknown): v is string => typeof v === 'string';

/** Validates a message from the view (host side). */
export function parseSnapshotViewMessage(value: unknown): SnapshotViewMessage | undefined {
  if (!isObj(value)) return undefined;
  if (value.type === 'ready') return Object.keys(value).length === 1 ? { type: 'ready' } : undefined;
  if (value.type === 'openSource' && isStr(value.file) && value.file.length > 0 && value.file.length < 4096 && isPos(value.line) && isPos(value.column)) {
    return { type: 'openSource', file: value.file, line: value.line, column: value.column };
  }
  return undefined;
}

/** Validates a message from the host (view side): the shape the renderer relies on, not every field. */
export function parseSnapshotHostMessage(value: unknown): SnapshotHostMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'progress':
      return isStr(value.message) && typeof value.fraction === 'number' ? (value as SnapshotHostMessage) : undefined;
    case 'error':
      return isStr(value.message) ? (value as SnapshotHostMessage) : undefined;
    case 'summary': {
      const s = value.summary;
      const ok = isStr(value.fileName) && isObj(s) && Array.isArray(s.byRetained) && Array.isArray(s.bySelf) && Array.isArray(s.biggestObjects) && Array.isArray(s.closures);
      return ok ? (value as SnapshotHostMessage) : undefined;
    }
    case 'comparison': {
      const c = value.comparison;
      const ok = isStr(value.before) && isStr(value.after) && isObj(c) && Array.isArray(c.attributions) && Array.isArray(c.groups) && Array.isArray(value.verdicts);
      return ok ? (value as SnapshotHostMessage) : undefined;
    }
    default:
      return undefined;
  }
}
