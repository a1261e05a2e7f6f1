// Dominator tree and retained sizes, by SEMI-NCA (Lengauer–Tarjan's semi-dominators, then immediate
// dominators by a nearest-common-ancestor walk), iterative so that deep heaps cannot overflow the stack.
// Weak edges do not retain, as in DevTools. Node 0 is the snapshot's root.
//
// Peak memory is what limits the snapshots that can be opened, so the work is done in five words per node,
// in buffers that become the results, and no index of retainers is kept: the semi-dominator pass gathers
// the retainers of a batch of nodes at a time, by one scan of the edges per batch, and a node whose only
// retainer is its DFS parent (many are) needs none.
import { EDGE_TYPE_BITS, EDGE_TYPE_MASK, type HeapGraph } from './graph';
import type { WordBuffers } from './wordBuffers';
import type { Words24 } from './words24';

export interface Dominators {
  /** Immediate dominator ordinal per node; -1 for the root and for nodes unreachable from it. */
  idom: Int32Array;
  /** Retained size per node (self size for unreachable nodes); 32-bit when the whole heap fits. */
  retained: Uint32Array | Float64Array;
  /** The reachable nodes in a preorder of the dominator tree: a node's subtree follows it, contiguous. */
  order: Int32Array;
  /** How many nodes are reachable: the length of the meaningful prefix of `order`. */
  reachable: number;
}

/** Retainers held per batch by default (a share of all): the batch's memory against one more scan of the edges. */
const BATCH_FRACTION = 4;
const MIN_BATCH_EDGES = 1 << 16;

/** The graph's edges as the loops below read them. */
interface Edges {
  n: number;
  firstEdge: Words24;
  /** Target ordinal and type per edge (see HeapGraph.edgeTargets). */
  targets: Words24;
  weak: number;
}

export function computeDominators(g: HeapGraph, buffers: WordBuffers, batchEdges?: number): Dominators {
  const graph: Edges = { n: g.nodeCount, firstEdge: g.firstEdge, targets: g.edgeTargets, weak: g.edgeTypeIndex('weak') };
  const dfn = new Int32Array(buffers.take());
  const parent = new Int32Array(buffers.take());
  const semi = new Int32Array(buffers.take());
  const ancestor = new Int32Array(buffers.take());
  const label = new Int32Array(buffers.take());
  const count = preorder(graph, dfn, parent, semi, ancestor);
  countRetainers(graph, dfn, count, label);
  semiDominators(graph, dfn, count, parent, semi, ancestor, label, batchEdges);
  const idomK = parent;
  immediateDominators(count, semi, idomK);

  // Results, in the buffers the work was done in: node k's ordinal over ancestor, idom over dfn, retained
  // sizes over semi (or in a 64-bit array when the heap's total does not fit 32 bits), then the tree's
  // child lists over label and idomK and its preorder over ancestor.
  const n = g.nodeCount;
  const vertex = ancestor;
  for (let v = 0; v < n; v++) if (dfn[v] !== 0) vertex[dfn[v]! - 1] = v;
  const idom = dfn.fill(-1);
  for (let k = 1; k < count; k++) idom[vertex[k]!] = vertex[idomK[k]!]!;
  let total = 0;
  for (let v = 0; v < n; v++) total += g.selfSize(v);
  const retained = total < 2 ** 32 ? new Uint32Array(semi.buffer) : new Float64Array(n);
  for (let v = 0; v < n; v++) retained[v] = g.selfSize(v);
  for (let k = count - 1; k > 0; k--) {
    const v = vertex[k]!;
    retained[idom[v]!]! += retained[v]!;
  }
  const order = treePreorder(idom, label, idomK, vertex);
  buffers.give(label, idomK);
  if (retained instanceof Float64Array) buffers.give(semi);
  return { idom, retained, order, reachable: count };
}

/**
 * A preorder of the dominator tree (children in increasing ordinal order), written into `order`: child
 * lists are built in the two scratch buffers, then walked without a stack (the parent links are idom).
 */
function treePreorder(idom: Int32Array, firstChild: Int32Array, nextSibling: Int32Array, order: Int32Array): Int32Array {
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
    if (v === 0) return order;
    v = nextSibling[v]!;
    order[i++] = v;
  }
}

/**
 * DFS from the root over non-weak edges: dfn[v] = preorder number + 1 (0 = unreached) and parent[k] per
 * preorder number k. Returns the number of nodes reached. The stack lives in two buffers not in use yet.
 */
function preorder(g: Edges, dfn: Int32Array, parent: Int32Array, stackNode: Int32Array, stackEdge: Int32Array): number {
  const { firstEdge, weak, targets } = g;
  dfn.fill(0);
  let count = 0;
  let sp = 0;
  dfn[0] = ++count;
  parent[0] = -1;
  stackNode[0] = 0;
  stackEdge[0] = firstEdge.get(0);
  while (sp >= 0) {
    const v = stackNode[sp]!;
    const end = firstEdge.get(v + 1);
    let e = stackEdge[sp]!;
    for (; e < end; e++) {
      const t = targets.get(e);
      if ((t & EDGE_TYPE_MASK) === weak) continue;
      const w = t >>> EDGE_TYPE_BITS;
      if (dfn[w] !== 0) continue;
      stackEdge[sp] = e + 1;
      parent[count] = dfn[v]! - 1;
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
 * Retainers per preorder number: non-weak edges from reached nodes (their targets are reached too). This
 * scan is written out here and in gatherRetainers and forEachRetainer: one shared scan with a callback per
 * edge measured about a tenth slower over the whole analysis, and it runs several times per snapshot.
 */
function countRetainers(g: Edges, dfn: Int32Array, count: number, retainers: Int32Array): void {
  const { n, firstEdge, weak, targets } = g;
  retainers.fill(0, 0, count);
  for (let v = 0; v < n; v++) {
    if (dfn[v] === 0) continue;
    for (let e = firstEdge.get(v), end = firstEdge.get(v + 1); e < end; e++) {
      const t = targets.get(e);
      if ((t & EDGE_TYPE_MASK) !== weak) retainers[dfn[t >>> EDGE_TYPE_BITS]! - 1]!++;
    }
  }
}

/**
 * Semi-dominators, in decreasing preorder, with the ancestor forest path-compressed. A node is linked into
 * the forest right after it is processed, so "linked" is "numbered above the node being processed" and
 * needs no initialisation; semi and label of a node are written when it is processed. On entry label holds
 * the retainer counts.
 */
function semiDominators(
  g: Edges,
  dfn: Int32Array,
  count: number,
  parent: Int32Array,
  semi: Int32Array,
  ancestor: Int32Array,
  label: Int32Array,
  batchEdges?: number,
): void {
  const plan = batches(label, count, batchEdges);
  const sources = new Int32Array(Math.max(0, ...plan.map((b) => (b.streamed ? 0 : b.entries))));
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
      if (semi[label[a]!]! < semi[label[y]!]!) label[y] = label[a]!;
      ancestor[y] = ancestor[a]!;
    }
    return semi[label[kv]!]!;
  };
  const link = (k: number, s: number): void => {
    semi[k] = s;
    label[k] = k;
    ancestor[k] = parent[k]!;
  };
  for (const { lo, hi, streamed } of plan) {
    if (streamed) {
      // One node with more retainers than a batch holds: each is taken as the scan finds it.
      current = lo;
      let s = parent[lo]!;
      forEachRetainer(g, dfn, lo, (kv) => {
        const c = candidate(kv);
        if (c < s) s = c;
      });
      link(lo, s);
      continue;
    }
    let end = gatherRetainers(g, dfn, lo, hi, label, sources);
    for (let k = hi - 1; k >= lo; k--) {
      current = k;
      let s = parent[k]!; // the only retainer of a node that has one; always a candidate
      if (label[k]! >= 0) {
        const start = label[k]!;
        for (let r = start; r < end; r++) {
          const c = candidate(sources[r]!);
          if (c < s) s = c;
        }
        end = start;
      }
      link(k, s);
    }
  }
}

interface Batch {
  /** Preorder numbers lo … hi-1. */
  lo: number;
  hi: number;
  /** Retainers of its nodes that have more than one. */
  entries: number;
  /** A single node whose retainers are too many to hold: they are visited, not gathered. */
  streamed: boolean;
}

/** Consecutive ranges of preorder numbers, highest first, each with at most `cap` retainers to hold. */
function batches(retainers: Int32Array, count: number, batchEdges: number | undefined): Batch[] {
  let many = 0; // entries of nodes with more than one retainer
  for (let k = 1; k < count; k++) if (retainers[k]! > 1) many += retainers[k]!;
  const cap = batchEdges ?? Math.max(MIN_BATCH_EDGES, Math.ceil(many / BATCH_FRACTION));
  const plan: Batch[] = [];
  let hi = count;
  let entries = 0;
  const close = (lo: number): void => {
    if (lo < hi) plan.push({ lo, hi, entries, streamed: false });
    hi = lo;
    entries = 0;
  };
  for (let k = count - 1; k >= 1; k--) {
    const c = retainers[k]! > 1 ? retainers[k]! : 0;
    if (c > cap) {
      close(k + 1);
      plan.push({ lo: k, hi: k + 1, entries: c, streamed: true });
      hi = k;
    } else {
      if (entries + c > cap) close(k + 1);
      entries += c;
    }
  }
  close(1);
  return plan;
}

/** Visits the retainers (preorder numbers) of node k, by one scan of the edges. */
function forEachRetainer(g: Edges, dfn: Int32Array, k: number, visit: (kv: number) => void): void {
  const { n, firstEdge, weak, targets } = g;
  const kw = k + 1; // as dfn holds it
  for (let v = 0; v < n; v++) {
    if (dfn[v] === 0) continue;
    for (let e = firstEdge.get(v), end = firstEdge.get(v + 1); e < end; e++) {
      const t = targets.get(e);
      if ((t & EDGE_TYPE_MASK) !== weak && dfn[t >>> EDGE_TYPE_BITS] === kw) visit(dfn[v]! - 1);
    }
  }
}

/**
 * The retainers (preorder numbers) of the nodes lo … hi-1 that have more than one, into `sources`, by one
 * scan of the edges. On entry slots[k] is k's retainer count; on return it is the start of k's range in
 * `sources` (which ends where the next node's starts, or at the returned total), or -1 for a single retainer.
 */
function gatherRetainers(g: Edges, dfn: Int32Array, lo: number, hi: number, slots: Int32Array, sources: Int32Array): number {
  const { n, firstEdge, weak, targets } = g;
  let entries = 0;
  for (let k = lo; k < hi; k++) {
    if (slots[k] === 1) slots[k] = -1;
    else slots[k] = entries += slots[k]!;
  }
  for (let v = 0; v < n; v++) {
    const kv = dfn[v]! - 1;
    if (kv < 0) continue;
    for (let e = firstEdge.get(v), end = firstEdge.get(v + 1); e < end; e++) {
      const t = targets.get(e);
      if ((t & EDGE_TYPE_MASK) === weak) continue;
      const kw = dfn[t >>> EDGE_TYPE_BITS]! - 1;
      if (kw >= lo && kw < hi && slots[kw]! >= 0) sources[--slots[kw]!] = kv;
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
  const { order, idom, reachable } = dom;
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
