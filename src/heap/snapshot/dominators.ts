// Dominator tree and retained sizes, by SEMI-NCA (Lengauer–Tarjan's semi-dominators, then immediate
// dominators by a nearest-common-ancestor walk), iterative so that deep heaps cannot overflow the stack.
// Weak edges do not retain, as in DevTools. Node 0 is the snapshot's root.
//
// Peak memory is what limits the snapshots that can be opened, so the work is done in five words per node,
// in buffers that become the results, plus one more buffer (of the pool; see retainerBuffer for edge-heavy
// heaps) for the retainers the semi-dominator pass reads: those of each node other than its DFS parent (which is always a candidate, and a node's only
// retainer for many). The DFS counts them as it goes; they are gathered by a scan of the edges per batch
// that fits the buffer: two scans on the 1.2 GB bench snapshot (28 M such retainers of 14 M nodes, a
// quarter of them into one node), where an index of all retainers would cost the peak
// twice that buffer, and the earlier batches (a quarter of all retainers each) five scans and a count.
import { EDGE_TYPE_BITS, EDGE_TYPE_MASK, type HeapGraph } from './graph';
import type { WordBuffers } from './wordBuffers';
import type { Words24 } from './words24';

export interface Dominators {
  /** Immediate dominator ordinal per node; -1 for the root and for nodes unreachable from it. */
  idom: Int32Array;
  /** Retained size per node (self size for unreachable nodes); 32-bit when the whole heap fits. */
  retained: Uint32Array | Float64Array;
  /**
   * The reachable nodes in a preorder of the dominator tree (a node's subtree follows it, contiguous): made
   * by the first walk (walkDominatorTree), as the baseline of a comparison needs none.
   */
  order?: Int32Array;
  /** How many nodes are reachable: the length of the meaningful prefix of `order`. */
  reachable: number;
  /** Self sizes of all nodes, reachable or not. */
  totalSize: number;
}

/** The graph's edges as the loops below read them. */
interface Edges {
  n: number;
  firstEdge: Words24;
  /** Target ordinal and type per edge (see HeapGraph.edgeTargets). */
  targets: Words24;
  weak: number;
}

/** `batchEntries` lowers the retainers gathered per scan of the edges (tests) below a buffer of the pool. */
export function computeDominators(g: HeapGraph, buffers: WordBuffers, batchEntries?: number): Dominators {
  const graph: Edges = { n: g.nodeCount, firstEdge: g.firstEdge, targets: g.edgeTargets, weak: g.edgeTypeIndex('weak') };
  const dfn = new Int32Array(buffers.take());
  const parent = new Int32Array(buffers.take());
  const semi = new Int32Array(buffers.take());
  const ancestor = new Int32Array(buffers.take());
  const best = new Int32Array(buffers.take());
  const count = preorder(graph, dfn, parent, semi, ancestor, best);
  const sources = retainerBuffer(buffers, best, count);
  semiDominators(graph, dfn, count, parent, semi, ancestor, best, sources, Math.min(batchEntries ?? sources.length, sources.length));
  if (sources.length === buffers.words) buffers.give(sources);
  const idomK = parent;
  immediateDominators(count, semi, idomK);

  // Results, in the buffers the work was done in: node k's ordinal over ancestor, idom over dfn, retained
  // sizes over semi (or in a 64-bit array when the heap's total does not fit 32 bits).
  const n = g.nodeCount;
  const vertex = ancestor;
  for (let v = 0; v < n; v++) if (dfn[v] !== 0) vertex[dfn[v]! - 1] = v;
  const idom = dfn.fill(-1);
  for (let k = 1; k < count; k++) idom[vertex[k]!] = vertex[idomK[k]!]!;
  const self = new Uint32Array(semi.buffer);
  let total = 0;
  for (let v = 0; v < n; v++) total += self[v] = g.selfSize(v);
  const retained = total < 2 ** 32 ? self : Float64Array.from(self);
  for (let k = count - 1; k > 0; k--) {
    const v = vertex[k]!;
    retained[idom[v]!]! += retained[v]!;
  }
  buffers.give(best, idomK, vertex);
  if (retained instanceof Float64Array) buffers.give(semi);
  return { idom, retained, reachable: count, totalSize: total };
}

/**
 * The buffer the semi-dominator pass gathers retainers into, a scan of all edges per fill. One word per node
 * (a buffer of the pool) takes two scans where nodes have about two such retainers each, as in heaps of small
 * objects; an edge-heavy heap (tens of references per object: indexes, tag lists) would take one scan per
 * node-count of retainers, ten on the references bench pair. There the buffer holds half of them instead:
 * still two scans, for at most two bytes per edge where the snapshot file spends fifteen or more.
 */
function retainerBuffer(buffers: WordBuffers, others: Int32Array, count: number): Int32Array {
  let total = 0;
  for (let k = 0; k < count; k++) total += others[k]!;
  const half = Math.ceil(total / 2);
  return half <= buffers.words ? new Int32Array(buffers.take()) : new Int32Array(half);
}

/**
 * A preorder of the dominator tree (children in increasing ordinal order), in a buffer of the pool: child
 * lists are built in two scratch buffers, then walked without a stack (the parent links are idom).
 */
function treePreorder(idom: Int32Array, buffers: WordBuffers): Int32Array {
  const firstChild = new Int32Array(buffers.take());
  const nextSibling = new Int32Array(buffers.take());
  const order = new Int32Array(buffers.take());
  firstChild.fill(-1);
  for (let v = idom.length - 1; v > 0; v--) {
    const d = idom[v]!;
    if (d < 0) continue;
    nextSibling[v] = firstChild[d]!;
    firstChild[d] = v;
  }
  let i = 0;
  let v = 0;
  order[i++] = 0;
  for (;;) {
    if (firstChild[v]! >= 0) {
      v = firstChild[v]!;
      order[i++] = v;
      continue;
    }
    while (v !== 0 && nextSibling[v]! < 0) v = idom[v]!;
    if (v === 0) break;
    v = nextSibling[v]!;
    order[i++] = v;
  }
  buffers.give(firstChild, nextSibling);
  return order;
}

/**
 * DFS from the root over non-weak edges: dfn[v] = preorder number + 1 (0 = unreached) and parent[k] per
 * preorder number k. Returns the number of nodes reached. The stack lives in two buffers not in use yet.
 * Every edge of a reached node is looked at once, so the DFS also counts, into `others`, the retainers of
 * each node other than its parent (see isOther): those the semi-dominator pass must gather.
 */
function preorder(g: Edges, dfn: Int32Array, parent: Int32Array, stackNode: Int32Array, stackEdge: Int32Array, others: Int32Array): number {
  const { firstEdge, weak, targets } = g;
  dfn.fill(0);
  others.fill(0);
  let count = 0;
  let sp = 0;
  dfn[0] = ++count;
  parent[0] = -1;
  stackNode[0] = 0;
  stackEdge[0] = firstEdge.get(0);
  while (sp >= 0) {
    const v = stackNode[sp]!;
    const kv = dfn[v]! - 1;
    const end = firstEdge.get(v + 1);
    let e = stackEdge[sp]!;
    for (; e < end; e++) {
      const t = targets.get(e);
      if ((t & EDGE_TYPE_MASK) === weak) continue;
      const w = t >>> EDGE_TYPE_BITS;
      if (dfn[w] !== 0) {
        const kw = dfn[w]! - 1;
        if (isOther(parent, kv, kw)) others[kw]!++;
        continue;
      }
      stackEdge[sp] = e + 1;
      parent[count] = kv;
      dfn[w] = ++count;
      stackNode[++sp] = w;
      stackEdge[sp] = firstEdge.get(w);
      break;
    }
    if (e === end) sp--;
  }
  return count;
}

/**
 * Semi-dominators, in decreasing preorder, with the ancestor forest path-compressed. A node is linked into
 * the forest right after it is processed, so "linked" is "numbered above the node being processed" and
 * needs no initialisation; semi and best of a node are written when it is processed. best[x] is the lowest
 * semi-dominator on x's compressed forest path (SEMI-NCA needs the value only, not the node that has it, as
 * Lengauer–Tarjan's label is: one indirection less per step). On entry best holds the counts of the
 * retainers to gather (preorder); `sources` holds up to `cap` of them at a time.
 */
function semiDominators(
  g: Edges,
  dfn: Int32Array,
  count: number,
  parent: Int32Array,
  semi: Int32Array,
  ancestor: Int32Array,
  best: Int32Array,
  sources: Int32Array,
  cap: number,
): void {
  let current = 0;
  const path: number[] = [];
  /** The lowest semi-dominator on the forest path above retainer kv: kv's candidate for the node being processed. */
  const candidate = (kv: number): number => {
    if (kv <= current) return kv;
    let x = kv;
    while (ancestor[x]! > current) {
      path.push(x);
      x = ancestor[x]!;
    }
    while (path.length > 0) {
      const y = path.pop()!;
      const a = ancestor[y]!;
      if (best[a]! < best[y]!) best[y] = best[a]!;
      ancestor[y] = ancestor[a]!;
    }
    return best[kv]!;
  };
  const link = (k: number, s: number): void => {
    semi[k] = s;
    best[k] = s;
    ancestor[k] = parent[k]!;
  };
  for (const { lo, hi, streamed } of batches(best, count, cap)) {
    if (streamed) {
      // One node with more retainers than a batch holds: each is taken as the scan finds it.
      current = lo;
      let s = parent[lo]!;
      forEachOther(g, dfn, parent, lo, (kv) => {
        const c = candidate(kv);
        if (c < s) s = c;
      });
      link(lo, s);
      continue;
    }
    let end = gatherOthers(g, dfn, parent, lo, hi, best, sources);
    for (let k = hi - 1; k >= lo; k--) {
      current = k;
      let s = parent[k]!; // the parent is always a candidate, and the only one of a node with no other retainer
      const start = best[k]!;
      for (let r = start; r < end; r++) {
        const c = candidate(sources[r]!);
        if (c < s) s = c;
      }
      end = start;
      link(k, s);
    }
  }
}

/**
 * The retainers the semi-dominator pass gathers: a non-weak edge into preorder number kw from kv, unless kv
 * is kw's DFS parent (the tree edge, and any parallel edge, whose candidate is the parent itself). The DFS
 * counts and the scans gather by this same test. A retainer numbered above its target (a back or cross
 * edge: most of them) cannot be the parent, so only the others read parent.
 */
const isOther = (parent: Int32Array, kv: number, kw: number): boolean => kw < kv || parent[kw] !== kv;

interface Batch {
  /** Preorder numbers lo … hi-1. */
  lo: number;
  hi: number;
  /** A single node whose retainers are too many to hold: they are visited, not gathered. */
  streamed: boolean;
}

/** Consecutive ranges of preorder numbers, highest first, each with at most `cap` retainers to gather. */
function batches(others: Int32Array, count: number, cap: number): Batch[] {
  const plan: Batch[] = [];
  let hi = count;
  let entries = 0;
  const close = (lo: number): void => {
    if (lo < hi) plan.push({ lo, hi, streamed: false });
    hi = lo;
    entries = 0;
  };
  for (let k = count - 1; k >= 1; k--) {
    const c = others[k]!;
    if (c > cap) {
      close(k + 1);
      plan.push({ lo: k, hi: k + 1, streamed: true });
      hi = k;
    } else {
      if (entries + c > cap) close(k + 1);
      entries += c;
    }
  }
  close(1);
  return plan;
}

/** Visits the retainers (preorder numbers) of node k to gather, by one scan of the edges. */
function forEachOther(g: Edges, dfn: Int32Array, parent: Int32Array, k: number, visit: (kv: number) => void): void {
  const { n, firstEdge, weak, targets } = g;
  const kw = k + 1; // as dfn holds it
  for (let v = 0; v < n; v++) {
    const kv = dfn[v]! - 1;
    if (kv < 0) continue;
    for (let e = firstEdge.get(v), end = firstEdge.get(v + 1); e < end; e++) {
      const t = targets.get(e);
      if ((t & EDGE_TYPE_MASK) !== weak && dfn[t >>> EDGE_TYPE_BITS] === kw && isOther(parent, kv, k)) visit(kv);
    }
  }
}

/**
 * The retainers to gather (preorder numbers) of the nodes lo … hi-1 into `sources`, by one scan of the
 * edges. On entry slots[k] is their count; on return it is the start of k's range in `sources`, which ends
 * where the next node's starts, or at the returned total. The scan is written out here and in forEachOther:
 * one shared scan with a callback per edge measured about a tenth slower over the whole analysis.
 */
function gatherOthers(
  g: Edges,
  dfn: Int32Array,
  parent: Int32Array,
  lo: number,
  hi: number,
  slots: Int32Array,
  sources: Int32Array,
): number {
  const { n, firstEdge, weak, targets } = g;
  let entries = 0;
  for (let k = lo; k < hi; k++) slots[k] = entries += slots[k]!;
  for (let v = 0; v < n; v++) {
    const kv = dfn[v]! - 1;
    if (kv < 0) continue;
    for (let e = firstEdge.get(v), end = firstEdge.get(v + 1); e < end; e++) {
      const t = targets.get(e);
      if ((t & EDGE_TYPE_MASK) === weak) continue;
      const kw = dfn[t >>> EDGE_TYPE_BITS]! - 1;
      if (kw >= lo && kw < hi && isOther(parent, kv, kw)) sources[--slots[kw]!] = kv;
    }
  }
  return entries;
}

/**
 * In preorder, so that the dominators of every ancestor are known: the idom of k is its nearest ancestor
 * (from the parent up) that is not below k's semi-dominator. Written over parent, which it reads first.
 */
function immediateDominators(count: number, semi: Int32Array, parentThenIdom: Int32Array): void {
  parentThenIdom[0] = 0;
  for (let k = 1; k < count; k++) {
    let d = parentThenIdom[k]!;
    while (d > semi[k]!) d = parentThenIdom[d]!;
    parentThenIdom[k] = d;
  }
}

/**
 * Visits the dominator tree from the root, each node before the nodes it dominates (`enter`), and each
 * node after them (`leave`): the path from the root is kept on a stack in a scratch buffer.
 */
export function walkDominatorTree(dom: Dominators, buffers: WordBuffers, enter: (v: number) => void, leave?: (v: number) => void): void {
  const { idom, reachable } = dom;
  const order = (dom.order ??= treePreorder(idom, buffers));
  const path = new Int32Array(buffers.take());
  let top = -1;
  for (let i = 0; i < reachable; i++) {
    const v = order[i]!;
    if (leave) {
      const d = idom[v]!;
      while (top >= 0 && path[top] !== d) leave(path[top--]!);
      path[++top] = v;
    }
    enter(v);
  }
  if (leave) while (top >= 0) leave(path[top--]!);
  buffers.give(path);
}
