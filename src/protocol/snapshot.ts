// Messages between the snapshot view (custom editors for *.heapsnapshot and Go *.pb.gz profiles, comparison
// panels) and the extension host. Both sides validate what they receive; anything malformed or unknown is ignored.
// The wire types are the protocol's own: the engines' result types are converted at the boundary
// (src/extension/snapshot/wire.ts), so a field added to an engine result reaches no view by accident.

/** A function's place in the source, 1-based, as the view links it. */
export interface WireSourceLink {
  functionName: string;
  /** Script URL as the runtime reported it. */
  url: string;
  /** Local file, when the URL is one: only these are linked. */
  file?: string;
  line: number;
  column: number;
}

export interface WireConstructor {
  name: string;
  count: number;
  selfSize: number;
  retainedSize: number;
}

export interface WireObject {
  id: number;
  className: string;
  selfSize: number;
  retainedSize: number;
  /** Steps joined by RETAINER_STEP_SEPARATOR (src/common/format.ts), nearest holder first. */
  retainerPath: string;
  site?: WireSourceLink;
}

export interface WireClosure {
  functionName: string;
  site?: WireSourceLink;
  /** What its captured variables retain, and the part no other closure's captured variable inside them holds. */
  capturedSize: number;
  ownSize: number;
  /** The innermost closure's variable that most of `capturedSize` is (for closures that mostly hold another). */
  holds?: { variable: string; functionName: string; site?: WireSourceLink };
  variables: { name: string; className: string; count: number; retainedSize: number }[];
}

export interface WireSnapshotSummary {
  nodeCount: number;
  totalSize: number;
  reachableSize: number;
  byRetained: WireConstructor[];
  bySelf: WireConstructor[];
  biggestObjects: WireObject[];
  /** The innermost holder of growth first. */
  closures: WireClosure[];
}

export interface WireAttribution {
  /** The sentence every front end says about it (src/heap/snapshot/describe.ts). */
  text: string;
  function?: WireSourceLink;
}

export interface WireNewObjectGroup {
  retainerPath: string;
  className: string;
  count: number;
  size: number;
}

export interface WireSnapshotComparison {
  before: { totalSize: number };
  after: { totalSize: number };
  matchedBy: 'object-id' | 'retainer-path';
  newObjects: { count: number; size: number };
  groups: WireNewObjectGroup[];
  attributions: WireAttribution[];
}

export interface WireProfileTotals {
  inuseSpace: number;
  inuseObjects: number;
  allocSpace: number;
}

/** A heap profile's allocation site (Go, or a Node function), with its in-use figures or its growth. */
export interface WireSite {
  function: string;
  file: string;
  line: number;
  via?: string;
}

export interface WireAllocationSite extends WireSite {
  inuseSpace: number;
  inuseObjects: number;
}

export interface WireSiteGrowth extends WireSite {
  /** Node: the captured variable the static analysis says the function grows. */
  variable?: string;
  bytesDelta: number;
  objectsDelta: number;
}

export interface WireProfileComparison {
  before: WireProfileTotals;
  after: WireProfileTotals;
  growth: WireSiteGrowth[];
}

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
  | { type: 'summary'; fileName: string; summary: WireSnapshotSummary }
  | { type: 'comparison'; before: string; after: string; comparison: WireSnapshotComparison; verdicts: AttributionVerdict[] }
  /** A heap profile: totals and the top allocation sites by in-use bytes. */
  | { type: 'profileSummary'; fileName: string; totals: WireProfileTotals; sites: WireAllocationSite[] }
  | { type: 'profileComparison'; before: string; after: string; comparison: WireProfileComparison; verdicts: AttributionVerdict[] }
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
        c.attributions.every((x) => isObj(x) && isStr(x.text)) &&
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
