// Dominator tree and retained sizes (Lengauer–Tarjan with path compression, iterative so that deep heaps
// cannot overflow the stack). Weak edges do not retain, as in DevTools. Node 0 is the snapshot's root.
import type { HeapGraph } from './graph';

export interface Dominators {
  /** Immediate dominator ordinal per node; -1 for the root and for nodes unreachable from it. */
  idom: Int32Array;
  /** Retained size per node (self size for unreachable nodes). */
  retained: Float64Array;
  /** Reachable nodes in DFS preorder from the root: a dominator always comes before the nodes it dominates. */
  preorder: Int32Array;
  /** Number of reachable nodes (the length of the meaningful prefix of `preorder`). */
  reachable: number;
  /** Retainers (non-weak) as CSR: retainers of n are retainerNode[retainerFirst[n] … retainerFirst[n+1]). */
  retainerFirst: Uint32Array;
  retainerNode: Uint32Array;
}

export function computeDominators(g: HeapGraph): Dominators {
  const n = g.nodeCount;
  const weak = g.edgeTypeIndex('weak');
  const { edges, edgeKinds, firstEdge } = g;
  const ef = g.edgeFieldCount;
  const toOff = g.edgeToOff;

  // Reverse edges (retainers), skipping weak ones. retainerFirst[w] first holds the end of w's range and is
  // counted down while filling backwards (no second cursor array); the order is the forward one.
  const retainerFirst = new Uint32Array(n + 1);
  for (let e = 0; e < g.edgeCount; e++) {
    if (edgeKinds[e] !== weak) retainerFirst[edges[e * ef + toOff]!]!++;
  }
  for (let v = 1; v < n; v++) retainerFirst[v]! += retainerFirst[v - 1]!;
  retainerFirst[n] = retainerFirst[n - 1]!;
  const retainerNode = new Uint32Array(retainerFirst[n]!);
  for (let v = n - 1; v >= 0; v--) {
    for (let e = firstEdge[v + 1]! - 1, start = firstEdge[v]!; e >= start; e--) {
      if (edgeKinds[e] === weak) continue;
      retainerNode[--retainerFirst[edges[e * ef + toOff]!]!] = v;
    }
  }

  // DFS preorder from the root. dfn[v] = preorder number + 1 (0 = unreached). Work arrays are indexed by preorder number.
  const dfn = new Int32Array(n);
  const vertex = new Int32Array(n);
  const parent = new Int32Array(n);
  const stackNode = new Int32Array(n);
  const stackEdge = new Uint32Array(n);
  let count = 0;
  let sp = 0;
  dfn[0] = ++count;
  vertex[0] = 0;
  parent[0] = -1;
  stackNode[0] = 0;
  stackEdge[0] = firstEdge[0]!;
  while (sp >= 0) {
    const v = stackNode[sp]!;
    const end = firstEdge[v + 1]!;
    let e = stackEdge[sp]!;
    let pushed = false;
    for (; e < end; e++) {
      if (edgeKinds[e] === weak) continue;
      const w = edges[e * ef + toOff]!;
      if (dfn[w] !== 0) continue;
      stackEdge[sp] = e + 1;
      const k = count++;
      dfn[w] = count;
      vertex[k] = w;
      parent[k] = dfn[v]! - 1;
      stackNode[++sp] = w;
      stackEdge[sp] = firstEdge[w]!;
      pushed = true;
      break;
    }
    if (!pushed) sp--;
  }

  // Semi-dominators as in Lengauer–Tarjan, then immediate dominators by the nearest-common-ancestor walk
  // (SEMI-NCA: no buckets). Peak memory is what limits big snapshots, so arrays are reused: semi and
  // ancestor share the buffer that later holds the retained sizes, and idomK[k] is written over parent[k]
  // once that has been read.
  const shared = new ArrayBuffer(n * 8);
  const semi = new Int32Array(shared, 0, count);
  const ancestor = new Int32Array(shared, n * 4, count).fill(-1);
  const label = new Int32Array(count);
  const idomK = parent;
  for (let k = 0; k < count; k++) {
    semi[k] = k;
    label[k] = k;
  }
  const path = stackNode; // reused as the compression stack
  const evaluate = (k: number): number => {
    if (ancestor[k] === -1) return k;
    // compress the ancestor chain of k iteratively
    let top = 0;
    let x = k;
    while (ancestor[ancestor[x]!] !== -1) {
      path[top++] = x;
      x = ancestor[x]!;
    }
    while (top > 0) {
      const y = path[--top]!;
      const a = ancestor[y]!;
      if (semi[label[a]!]! < semi[label[y]!]!) label[y] = label[a]!;
      ancestor[y] = ancestor[a]!;
    }
    return label[k]!;
  };
  for (let k = count - 1; k > 0; k--) {
    const w = vertex[k]!;
    for (let r = retainerFirst[w]!, end = retainerFirst[w + 1]!; r < end; r++) {
      const vk = dfn[retainerNode[r]!]! - 1;
      if (vk < 0) continue;
      const u = evaluate(vk);
      if (semi[u]! < semi[k]!) semi[k] = semi[u]!;
    }
    ancestor[k] = parent[k]!;
  }
  // In preorder, so that the dominators of every ancestor are known: the idom of k is its nearest ancestor
  // (from the parent up) that is not below k's semi-dominator.
  idomK[0] = 0;
  for (let k = 1; k < count; k++) {
    let d = parent[k]!;
    while (d > semi[k]!) d = idomK[d]!;
    idomK[k] = d;
  }

  // dfn and the semi/ancestor buffer are no longer needed either: reuse them for the result.
  const idom = dfn.fill(-1);
  const retained = new Float64Array(shared);
  for (let v = 0; v < n; v++) retained[v] = g.selfSize(v);
  for (let k = 1; k < count; k++) idom[vertex[k]!] = vertex[idomK[k]!]!;
  for (let k = count - 1; k > 0; k--) {
    const v = vertex[k]!;
    retained[idom[v]!]! += retained[v]!;
  }
  return { idom, retained, preorder: vertex, reachable: count, retainerFirst, retainerNode };
}
