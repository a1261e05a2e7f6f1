// Comparison of two snapshots of one process. Node ids are stable between them, so "new" means an id the
// first snapshot does not have, and a captured container that is the same object in both can be measured
// twice: its growth is attributed to the variable that captures it and to the capturing function.
import type { MeasuredVariable, SnapshotAnalysis } from './analysis';
import { walkDominatorTree } from './dominators';
import type { SourceLink } from './sites';

interface VariableAggregate {
  name: string;
  className: string;
  /** -1 when the value is not a container. */
  count: number;
  size: number;
  targetIds: number[];
  /** Node ordinals of the values in the snapshot they were measured in. */
  targets: number[];
  site?: SourceLink;
}

/** What is kept of the first snapshot while the second is parsed: small next to the graph. */
export interface Baseline {
  nodeCount: number;
  totalSize: number;
  sortedIds: Uint32Array;
  variables: Map<string, VariableAggregate>;
}

export interface Attribution {
  variable: string;
  className: string;
  /** The capturing function; absent when the snapshot does not locate it. */
  function?: SourceLink;
  countBefore: number;
  countAfter: number;
  countDelta: number;
  sizeBefore: number;
  sizeAfter: number;
  sizeDelta: number;
  /** The container is the same object in both snapshots (growth, not replacement). */
  sameObject: boolean;
}

export interface NewObjectGroup {
  /** Retainer path of the nearest object that already existed, then the group's class. */
  retainerPath: string;
  className: string;
  count: number;
  size: number;
}

export interface SnapshotComparison {
  before: { nodeCount: number; totalSize: number };
  after: { nodeCount: number; totalSize: number };
  newObjects: { count: number; size: number };
  groups: NewObjectGroup[];
  attributions: Attribution[];
}

export interface CompareOptions {
  /** Growth below this many retained bytes is noise (default 64 KiB). */
  minGrowthBytes?: number;
  maxGroups?: number;
  maxAttributions?: number;
}

/** One aggregate per capturing function and variable (several factory calls share the function's location). */
function aggregateVariables(a: SnapshotAnalysis): Map<string, VariableAggregate> {
  const out = new Map<string, VariableAggregate>();
  for (const cv of a.capturedVariables()) {
    const m: MeasuredVariable = a.measure(cv);
    const target = cv.target;
    const key = m.site ? `${m.site.url}:${m.site.line}:${m.site.column}\0${m.name}` : `#${m.contextId}\0${m.name}`;
    const agg = out.get(key);
    if (!agg) {
      out.set(key, { name: m.name, className: m.className, count: m.count, size: m.retainedSize, targetIds: [m.targetId], targets: [target], ...(m.site ? { site: m.site } : {}) });
    } else {
      agg.count = agg.count < 0 || m.count < 0 ? -1 : agg.count + m.count;
      agg.size += m.retainedSize;
      agg.targetIds.push(m.targetId);
      agg.targets.push(target);
    }
  }
  return out;
}

export function baselineOf(a: SnapshotAnalysis): Baseline {
  const g = a.graph;
  const ids = new Uint32Array(g.nodeCount);
  let totalSize = 0;
  for (let v = 0; v < g.nodeCount; v++) {
    ids[v] = g.id(v);
    totalSize += g.selfSize(v);
  }
  ids.sort();
  return { nodeCount: g.nodeCount, totalSize, sortedIds: ids, variables: aggregateVariables(a) };
}

function hasId(sorted: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function compareSnapshots(before: Baseline, after: SnapshotAnalysis, options: CompareOptions = {}): SnapshotComparison {
  const minGrowth = options.minGrowthBytes ?? 64 * 1024;
  const g = after.graph;
  const { idom } = after.dom;

  // New objects, grouped under the nearest dominator that already existed (a dominator is always visited
  // before the nodes it dominates).
  const isNew = new Uint8Array(g.nodeCount);
  const anchor = new Int32Array(after.buffers.take());
  let newCount = 0;
  let newSize = 0;
  let afterSize = 0;
  for (let v = 0; v < g.nodeCount; v++) afterSize += g.selfSize(v);
  const groups = new Map<string, { anchor: number; className: string; count: number; size: number }>();
  walkDominatorTree(after.dom, after.buffers, (v) => {
    if (v === 0) return;
    const d = idom[v]!;
    anchor[v] = isNew[d] ? anchor[d]! : d;
    if (hasId(before.sortedIds, g.id(v))) return;
    isNew[v] = 1;
    newCount++;
    newSize += g.selfSize(v);
    const className = g.className(v);
    const key = `${anchor[v]}\0${className}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.size += g.selfSize(v);
    } else groups.set(key, { anchor: anchor[v]!, className, count: 1, size: g.selfSize(v) });
  });
  after.buffers.give(anchor);
  const topGroups = [...groups.values()]
    .sort((x, y) => y.size - x.size)
    .slice(0, options.maxGroups ?? 20)
    .map((x): NewObjectGroup => ({ retainerPath: after.retainerPath(x.anchor), className: x.className, count: x.count, size: x.size }));

  const candidates: { attribution: Attribution; targets: number[] }[] = [];
  for (const [key, now] of aggregateVariables(after)) {
    const then = before.variables.get(key);
    const sizeBefore = then?.size ?? 0;
    const sizeDelta = now.size - sizeBefore;
    if (sizeDelta < minGrowth) continue;
    const countBefore = then ? then.count : 0;
    const counted = now.count >= 0 && countBefore >= 0;
    const beforeIds = new Set(then?.targetIds ?? []);
    const attribution: Attribution = {
      variable: now.name,
      className: now.className,
      ...(now.site ? { function: now.site } : {}),
      countBefore: counted ? countBefore : -1,
      countAfter: counted ? now.count : -1,
      countDelta: counted ? now.count - countBefore : 0,
      sizeBefore,
      sizeAfter: now.size,
      sizeDelta,
      sameObject: now.targetIds.every((id) => beforeIds.has(id)),
    };
    candidates.push({ attribution, targets: now.targets });
  }
  const attributions = withoutHolders(after, candidates);
  // A container that lives in both snapshots and grew outranks values merely replaced between them.
  attributions.sort((x, y) => Number(y.sameObject) - Number(x.sameObject) || y.sizeDelta - x.sizeDelta);

  return {
    before: { nodeCount: before.nodeCount, totalSize: before.totalSize },
    after: { nodeCount: g.nodeCount, totalSize: afterSize },
    newObjects: { count: newCount, size: newSize },
    groups: topGroups,
    attributions: attributions.slice(0, options.maxAttributions ?? 20),
  };
}

/**
 * A variable whose value merely dominates another attributed value (e.g. module-level `logger` holding the
 * closure that captures `logs`) grew only because of it: the inner variable is the one to name.
 */
function withoutHolders(after: SnapshotAnalysis, candidates: { attribution: Attribution; targets: number[] }[]): Attribution[] {
  const { idom } = after.dom;
  const dominates = (holder: number, inner: number): boolean => {
    for (let v = idom[inner]!; v >= 0; v = idom[v]!) if (v === holder) return true;
    return false;
  };
  return candidates
    .filter(({ attribution, targets }) =>
      !candidates.some(
        (other) => other.attribution !== attribution && other.attribution.sizeDelta * 2 >= attribution.sizeDelta && other.targets.some((inner) => targets.some((holder) => dominates(holder, inner))),
      ),
    )
    .map((c) => c.attribution);
}
