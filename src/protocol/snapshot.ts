// Messages between the snapshot view (custom editors for *.heapsnapshot and Go *.pb.gz profiles, comparison
// panels) and the extension host. Both sides validate what they receive; anything malformed or unknown is ignored.
import type { ProfileComparison } from '../heap/pprof/compare';
import type { AllocationSite, ProfileTotals } from '../heap/pprof/profile';
import type { SnapshotComparison } from '../heap/snapshot/diff';
import type { SnapshotSummary } from '../heap/snapshot/summary';

/** What the runtime-vs-static match said about one attribution (by index in `comparison.attributions`, or in `growth` for Go profiles). */
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
  /** A Go heap profile: totals and the top allocation sites by in-use bytes. */
  | { type: 'profileSummary'; fileName: string; totals: ProfileTotals; sites: AllocationSite[] }
  | { type: 'profileComparison'; before: string; after: string; comparison: ProfileComparison; verdicts: AttributionVerdict[] }
  | { type: 'error'; message: string };

export type SnapshotViewMessage =
  | { type: 'ready' }
  /** Open a source file at a 1-based position; the host only opens local files it can resolve. */
  | { type: 'openSource'; file: string; line: number; column: number };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPos = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000_000;
const isStr = (v: unknown): v is string => typeof v === 'string';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isTotals = (v: unknown): boolean => isObj(v) && isNum(v.inuseSpace) && isNum(v.inuseObjects);
/** An allocation site or a site's growth: what the profile tables render and link. */
const isSite = (v: unknown): boolean =>
  isObj(v) &&
  isStr(v.function) &&
  isStr(v.file) &&
  Number.isInteger(v.line) &&
  (v.line as number) >= 0 &&
  (isNum(v.inuseSpace) || isNum(v.bytesDelta));

/** Validates a message from the view (host side). */
export function parseSnapshotViewMessage(value: unknown): SnapshotViewMessage | undefined {
  if (!isObj(value)) return undefined;
  if (value.type === 'ready') return Object.keys(value).length === 1 ? { type: 'ready' } : undefined;
  if (
    value.type === 'openSource' &&
    isStr(value.file) &&
    value.file.length > 0 &&
    value.file.length < 4096 &&
    isPos(value.line) &&
    isPos(value.column)
  ) {
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
      const ok =
        isStr(value.fileName) &&
        isObj(s) &&
        Array.isArray(s.byRetained) &&
        Array.isArray(s.bySelf) &&
        Array.isArray(s.biggestObjects) &&
        Array.isArray(s.closures);
      return ok ? (value as SnapshotHostMessage) : undefined;
    }
    case 'comparison': {
      const c = value.comparison;
      const ok =
        isStr(value.before) &&
        isStr(value.after) &&
        isObj(c) &&
        Array.isArray(c.attributions) &&
        Array.isArray(c.groups) &&
        Array.isArray(value.verdicts);
      return ok ? (value as SnapshotHostMessage) : undefined;
    }
    case 'profileSummary':
      return isStr(value.fileName) && isTotals(value.totals) && Array.isArray(value.sites) && value.sites.every(isSite)
        ? (value as SnapshotHostMessage)
        : undefined;
    case 'profileComparison': {
      const c = value.comparison;
      const ok =
        isStr(value.before) &&
        isStr(value.after) &&
        isObj(c) &&
        isTotals(c.before) &&
        isTotals(c.after) &&
        Array.isArray(c.growth) &&
        c.growth.every(isSite) &&
        Array.isArray(value.verdicts);
      return ok ? (value as SnapshotHostMessage) : undefined;
    }
    default:
      return undefined;
  }
}
