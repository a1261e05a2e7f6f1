// Comparison of two snapshots. A captured variable is matched between them by what it is — the capturing
// function's script and position, the variable's name, its container kind — so snapshots of two sessions
// compare as well as two of one. Within one session node ids are stable too (idTrust.ts checks): "new" then
// means an id the first snapshot lacks, and a container can be told grown in place from replaced. Across
// sessions "new and still alive" is the difference by retainer path (pathGroups.ts), and says so.
import type { MeasuredVariable, SnapshotAnalysis } from './analysis';
import { walkDominatorTree } from './dominators';
import { idAgreement, sampleIds, type IdSample } from './idTrust';
import { ClassIds } from './classIds';
import { GroupTable } from './groupTable';
import { hasId, idSetOf, type IdSet } from './idSet';
import { findPath, groupByRetainerPath, pathTotals, type PathTotals } from './pathGroups';
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
  ids: IdSet;
  /** A sample of ids with each object's kind and name, to tell whether the second snapshot's ids mean the same objects. */
  idSample: IdSample;
  pathTotals: PathTotals;
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
  /**
   * The container grew rather than being replaced: the same object in both snapshots when ids can be
   * compared, the same variable holding the same kind of container when they cannot.
   */
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
  /**
   * `object-id`: the snapshots share object ids (one session), `newObjects` are objects the first lacks.
   * `retainer-path`: they do not (two sessions); `newObjects` and `groups` are the growth by retainer path.
   */
  matchedBy: 'object-id' | 'retainer-path';
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
    const key = m.site ? `${m.site.url}:${m.site.line}:${m.site.column}\0${m.name}\0${m.className}` : `#${m.contextId}\0${m.name}`;
    const agg = out.get(key);
    if (!agg) {
      out.set(key, {
        name: m.name,
        className: m.className,
        count: m.count,
        size: m.retainedSize,
        targetIds: [m.targetId],
        targets: [target],
        ...(m.site ? { site: m.site } : {}),
      });
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
  return {
    nodeCount: g.nodeCount,
    totalSize: a.dom.totalSize,
    ids: idSetOf(g.nodeCount, (v) => g.id(v)),
    idSample: sampleIds(g),
    pathTotals: pathTotals(groupByRetainerPath(g, a.buffers)),
    variables: aggregateVariables(a),
  };
}

export function compareSnapshots(before: Baseline, after: SnapshotAnalysis, options: CompareOptions = {}): SnapshotComparison {
  const minGrowth = options.minGrowthBytes ?? 64 * 1024;
  const g = after.graph;
  const idsTrusted = idAgreement(before.idSample, g).trusted;
  const maxGroups = options.maxGroups ?? 20;
  const { newObjects, groups } = idsTrusted ? newObjectsById(before, after, maxGroups) : growthByRetainerPath(before, after, maxGroups);

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
      // The key includes the container kind: without ids, a variable found in both is the container that grew.
      sameObject: idsTrusted ? now.targetIds.every((id) => beforeIds.has(id)) : then !== undefined,
    };
    candidates.push({ attribution, targets: now.targets });
  }
  const attributions = withoutHolders(after, candidates);
  // User code first (a library or Node internal holding growth is rarely the place to fix it), then a
  // container that grew in place before values merely replaced, then by growth.
  attributions.sort(
    (x, y) => Number(isUserCode(y)) - Number(isUserCode(x)) || Number(y.sameObject) - Number(x.sameObject) || y.sizeDelta - x.sizeDelta,
  );

  return {
    before: { nodeCount: before.nodeCount, totalSize: before.totalSize },
    after: { nodeCount: g.nodeCount, totalSize: after.dom.totalSize },
    matchedBy: idsTrusted ? 'object-id' : 'retainer-path',
    newObjects,
    groups,
    attributions: attributions.slice(0, options.maxAttributions ?? 20),
  };
}

/** A script of the service itself: not a dependency (node_modules), not Node's own code, not unknown. */
export function isUserCode(a: Attribution): boolean {
  const url = a.function?.url ?? '';
  return url !== '' && !/(^|[\\/])node_modules[\\/]/.test(url) && !/^(node:|internal[\\/])/.test(url) && !url.startsWith('evalmachine');
}

/** Objects whose id the first snapshot lacks, grouped under the nearest dominator that already existed. */
function newObjectsById(before: Baseline, after: SnapshotAnalysis, maxGroups: number): Pick<SnapshotComparison, 'newObjects' | 'groups'> {
  const g = after.graph;
  const { idom } = after.dom;
  const isNew = new Uint8Array(g.nodeCount);
  const anchor = new Int32Array(after.buffers.take());
  const classes = new ClassIds(g);
  let count = 0;
  let size = 0;
  // Keyed by anchor and class, and kept in the order groups are first met, as ties in the sort below need.
  const table = new GroupTable();
  // A dominator is always visited before the nodes it dominates.
  walkDominatorTree(after.dom, after.buffers, (v) => {
    if (v === 0) return;
    const d = idom[v]!;
    anchor[v] = isNew[d] ? anchor[d]! : d;
    if (hasId(before.ids, g.id(v))) return;
    isNew[v] = 1;
    count++;
    const self = g.selfSize(v);
    size += self;
    table.add(anchor[v]!, classes.of(v), self, v);
  });
  after.buffers.give(anchor);
  const groups: { anchor: number; classId: number; count: number; size: number }[] = [];
  table.forEach((holder, classId, count, size) => groups.push({ anchor: holder, classId, count, size }));
  const top = groups
    .sort((x, y) => y.size - x.size)
    .slice(0, maxGroups)
    .map((x): NewObjectGroup => ({
      retainerPath: after.retainerPath(x.anchor),
      className: classes.name(x.classId),
      count: x.count,
      size: x.size,
    }));
  return { newObjects: { count, size }, groups: top };
}

/** Count and size differences by retainer-path shape, the groups that grew (element indices shown as `[]`). */
function growthByRetainerPath(
  before: Baseline,
  after: SnapshotAnalysis,
  maxGroups: number,
): Pick<SnapshotComparison, 'newObjects' | 'groups'> {
  const g = after.graph;
  let count = 0;
  let size = 0;
  const grown: { example: number; count: number; size: number }[] = [];
  for (const [shape, now] of groupByRetainerPath(g, after.buffers)) {
    const then = findPath(before.pathTotals, shape);
    const sizeDelta = now.size - (then < 0 ? 0 : before.pathTotals.sizes[then]!);
    const countDelta = now.count - (then < 0 ? 0 : before.pathTotals.counts[then]!);
    if (sizeDelta <= 0) continue;
    count += Math.max(0, countDelta);
    size += sizeDelta;
    grown.push({ example: now.example, count: countDelta, size: sizeDelta });
  }
  const top = grown
    .sort((x, y) => y.size - x.size)
    .slice(0, maxGroups)
    .map((x): NewObjectGroup => ({
      retainerPath: after.retainerPath(x.example).replace(/\[\d+\]/g, '[]'),
      className: g.className(x.example),
      count: x.count,
      size: x.size,
    }));
  return { newObjects: { count, size }, groups: top };
}

/** How far a holder's references are followed to find an inner attributed value (the router → layer → closure → context chain is short). */
const MAX_HOLDER_WALK = 20_000;

/**
 * A variable whose value holds another attributed value (module-level `logger` holding the closure that
 * captures `logs`; Express's router holding the middleware) grew because of it: the innermost container is
 * the one to name, and a holder is dropped when an inner value explains at least half of its growth. "Holds"
 * is dominance, or reachability within a bounded walk (the growing array is often reachable along two
 * paths, so that nothing but the root dominates it); two values that reach each other are both kept.
 */
function withoutHolders(after: SnapshotAnalysis, candidates: { attribution: Attribution; targets: number[] }[]): Attribution[] {
  const g = after.graph;
  const weak = g.edgeTypeIndex('weak');
  const { idom } = after.dom;
  const dominates = (holder: number, inner: number): boolean => {
    for (let v = idom[inner]!; v >= 0; v = idom[v]!) if (v === holder) return true;
    return false;
  };
  /** The nodes of `wanted` that `from` reaches. */
  const reached = (from: number[], wanted: ReadonlySet<number>): Set<number> => {
    const found = new Set<number>();
    const seen = new Set<number>(from);
    const queue = [...from];
    for (let head = 0; head < queue.length && seen.size < MAX_HOLDER_WALK && found.size < wanted.size; head++) {
      const v = queue[head]!;
      for (let e = g.firstEdge.get(v), end = g.firstEdge.get(v + 1); e < end; e++) {
        if (g.edgeType(e) === weak) continue;
        const w = g.edgeTarget(e);
        if (seen.has(w)) continue;
        seen.add(w);
        queue.push(w);
        if (wanted.has(w)) found.add(w);
      }
    }
    return found;
  };
  return candidates
    .filter((holder) => {
      const size = holder.attribution.sizeDelta;
      const explaining = candidates.filter(
        (o) => o !== holder && o.attribution.sizeDelta * 2 >= size && !o.targets.some((t) => holder.targets.includes(t)),
      );
      // A dominated value's growth is inside the holder's, whatever the holder's other contents did (they may
      // have shrunk, leaving the holder's growth a little below the inner one's).
      if (explaining.some((o) => o.targets.some((t) => holder.targets.some((h) => dominates(h, t))))) return false;
      const inner = explaining.filter((o) => o.attribution.sizeDelta <= size);
      if (inner.length === 0) return true;
      const found = reached(holder.targets, new Set(inner.flatMap((o) => o.targets)));
      return !inner.some((o) => o.targets.some((t) => found.has(t)) && reached(o.targets, new Set(holder.targets)).size === 0);
    })
    .map((c) => c.attribution);
}
