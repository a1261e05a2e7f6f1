// What the summary view shows: constructors by retained and by self size, the biggest objects, and the
// closures whose captured contexts hold the most themselves, each with its source location when known.
import type { SnapshotAnalysis } from './analysis';
import type { CapturedVariable } from './closures';
import { walkDominatorTree } from './dominators';
import { innermostHeld, nestedCaptures } from './nestedCaptures';
import type { SourceLink } from './sites';

export interface ConstructorStat {
  name: string;
  count: number;
  selfSize: number;
  /** Bytes retained by the group: objects dominated by another object of the same group count once. */
  retainedSize: number;
}

export interface ObjectStat {
  id: number;
  className: string;
  name: string;
  selfSize: number;
  retainedSize: number;
  retainerPath: string;
  site?: SourceLink;
}

export interface CapturedVariableStat {
  name: string;
  className: string;
  count: number;
  retainedSize: number;
}

export interface ClosureStat {
  /** Node id of the context the variables live in. */
  contextId: number;
  functionName: string;
  site?: SourceLink;
  /** Sum of the captured values' retained sizes. */
  capturedSize: number;
  /**
   * What the captured values retain less what other closures' captured values inside them retain: the
   * growing middleware's own collection, not the app and router that hold the middleware. Closures rank by it.
   */
  ownSize: number;
  /** When most of `capturedSize` is another closure's captured value: the innermost such one. */
  holds?: { variable: string; functionName: string; site?: SourceLink };
  variables: CapturedVariableStat[];
}

export interface SnapshotSummary {
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
  reachableSize: number;
  byRetained: ConstructorStat[];
  bySelf: ConstructorStat[];
  biggestObjects: ObjectStat[];
  closures: ClosureStat[];
}

export interface SummaryLimits {
  constructors: number;
  objects: number;
  closures: number;
}

const DEFAULT_LIMITS: SummaryLimits = { constructors: 50, objects: 30, closures: 30 };

export function summarize(a: SnapshotAnalysis, limits: SummaryLimits = DEFAULT_LIMITS): SnapshotSummary {
  const g = a.graph;
  const { retained, idom } = a.dom;
  const n = g.nodeCount;
  const classIds = new Map<string, number>();
  const names: string[] = [];
  const classOf = new Int32Array(a.buffers.take());
  // Objects group by constructor name, the rest by type: key by the name's string index or the type, so
  // that each distinct name is decoded once, not once per node.
  const typeCount = g.nodeTypes.length;
  const object = g.typeIndex('object');
  const native = g.typeIndex('native');
  const byKey = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const t = g.type(v);
    const key = t === object || t === native ? typeCount + g.nameIndex(v) : t;
    let id = byKey.get(key);
    if (id === undefined) {
      const name = g.className(v);
      id = classIds.get(name);
      if (id === undefined) {
        id = names.length;
        classIds.set(name, id);
        names.push(name);
      }
      byKey.set(key, id);
    }
    classOf[v] = id;
  }
  const count = new Float64Array(names.length);
  const self = new Float64Array(names.length);
  const kept = new Float64Array(names.length);
  for (let v = 0; v < n; v++) {
    count[classOf[v]!]!++;
    self[classOf[v]!]! += g.selfSize(v);
  }
  addClassRetained(a, classOf, kept);
  a.buffers.give(classOf);
  const stats: ConstructorStat[] = names.map((name, i) => ({ name, count: count[i]!, selfSize: self[i]!, retainedSize: kept[i]! }));
  const top = <T>(items: T[], key: (t: T) => number, k: number): T[] => [...items].sort((x, y) => key(y) - key(x)).slice(0, k);

  // Biggest objects: skip the root and V8's synthetic root groups, which "retain" everything.
  const synthetic = g.typeIndex('synthetic');
  const biggest = topNodes(n, limits.objects, (v) => (v === 0 || g.type(v) === synthetic || idom[v] === -1 ? -1 : retained[v]!)).map(
    (v): ObjectStat => {
      const site = g.typeName(v) === 'closure' ? a.site(v) : undefined;
      return {
        id: g.id(v),
        className: g.className(v),
        name: g.name(v).slice(0, 200),
        selfSize: g.selfSize(v),
        retainedSize: retained[v]!,
        retainerPath: a.retainerPath(v),
        ...(site ? { site } : {}),
      };
    },
  );

  const closures = closureStats(a, limits.closures);

  return {
    nodeCount: n,
    edgeCount: g.edgeCount,
    totalSize: a.dom.totalSize,
    reachableSize: retained[0]!,
    byRetained: top(stats, (s) => s.retainedSize, limits.constructors),
    bySelf: top(stats, (s) => s.selfSize, limits.constructors),
    biggestObjects: biggest,
    closures,
  };
}

/**
 * Captured variables grouped by the context they live in, ranked by what they hold themselves (see
 * ClosureStat.ownSize): the innermost closure whose variable holds the growth comes before its holders.
 */
function closureStats(a: SnapshotAnalysis, limit: number): ClosureStat[] {
  const g = a.graph;
  const { retained } = a.dom;
  const captured = a.capturedVariables();
  const nested = nestedCaptures(a, new Set(captured.map((cv) => cv.target)));
  const capturerOf = new Map<number, CapturedVariable>();
  for (const cv of captured) if (!capturerOf.has(cv.target)) capturerOf.set(cv.target, cv);
  const byContext = new Map<number, { stat: ClosureStat; targets: number[] }>();
  for (const cv of captured) {
    let entry = byContext.get(cv.context);
    if (!entry) {
      const site = a.site(cv.closure);
      const stat: ClosureStat = {
        contextId: g.id(cv.context),
        functionName: g.name(cv.closure) || '(anonymous)',
        ...(site ? { site } : {}),
        capturedSize: 0,
        ownSize: 0,
        variables: [],
      };
      entry = { stat, targets: [] };
      byContext.set(cv.context, entry);
    }
    const m = a.measure(cv);
    entry.stat.capturedSize += m.retainedSize;
    entry.stat.ownSize += Math.max(0, m.retainedSize - nested.get(cv.target)!.nestedSize);
    entry.stat.variables.push({ name: m.name, className: m.className, count: m.count, retainedSize: m.retainedSize });
    entry.targets.push(cv.target);
  }
  const ranked = [...byContext.values()]
    .sort((x, y) => y.stat.ownSize - x.stat.ownSize || y.stat.capturedSize - x.stat.capturedSize)
    .slice(0, limit);
  for (const { stat, targets } of ranked) {
    stat.variables.sort((x, y) => y.retainedSize - x.retainedSize);
    if (stat.ownSize * 2 >= stat.capturedSize) continue;
    const largest = targets.reduce((best, t) => (retained[t]! > retained[best]! ? t : best));
    const inner = capturerOf.get(innermostHeld(a, nested, largest));
    if (!inner || targets.includes(inner.target)) continue;
    const site = a.site(inner.closure);
    stat.holds = { variable: inner.name, functionName: g.name(inner.closure) || '(anonymous)', ...(site ? { site } : {}) };
  }
  return ranked.map((r) => r.stat);
}

/** The `k` nodes with the highest score (score < 0: never), best first, without sorting all nodes. */
function topNodes(n: number, k: number, score: (v: number) => number): number[] {
  const best: { v: number; s: number }[] = [];
  for (let v = 0; v < n; v++) {
    const sv = score(v);
    if (sv < 0 || (best.length === k && sv <= best[k - 1]!.s)) continue;
    let i = best.length === k ? k - 1 : best.length;
    while (i > 0 && best[i - 1]!.s < sv) i--;
    best.splice(i, 0, { v, s: sv });
    if (best.length > k) best.pop();
  }
  return best.map((b) => b.v);
}

/**
 * Per-group retained size, as DevTools computes it: walk the dominator tree and add a node's retained size
 * to its group only when no dominator above it belongs to the same group (so nested objects count once).
 */
function addClassRetained(a: SnapshotAnalysis, classOf: Int32Array, kept: Float64Array): void {
  const { retained } = a.dom;
  const onPath = new Uint32Array(kept.length);
  walkDominatorTree(
    a.dom,
    a.buffers,
    (v) => {
      const c = classOf[v]!;
      if (onPath[c] === 0 && v !== 0) kept[c]! += retained[v]!;
      onPath[c]!++;
    },
    (v) => onPath[classOf[v]!]!--,
  );
}
