// Retained size and immediate dominators by their definitions, for checking the dominator-tree answer on small graphs.

/** A heap graph as plain adjacency: `strongEdges[v]` are the nodes v retains (weak edges left out). */
export interface PlainGraph {
  strongEdges: readonly (readonly number[])[];
  selfSize: (node: number) => number;
  /** The root (GC roots); 0 in V8 snapshots. */
  root?: number;
}

function reachable(graph: PlainGraph, root: number, removed: number): Uint8Array {
  const seen = new Uint8Array(graph.strongEdges.length);
  if (removed === root) return seen;
  seen[root] = 1;
  const stack = [root];
  while (stack.length > 0) {
    for (const to of graph.strongEdges[stack.pop()!]!) {
      if (to === removed || seen[to]) continue;
      seen[to] = 1;
      stack.push(to);
    }
  }
  return seen;
}

/**
 * The bytes that become unreachable from the root when `node` is removed (O(nodes + edges) per call:
 * brute force, on purpose). A node the root does not reach retains only itself, as V8 reports it.
 */
export function bruteForceRetained(graph: PlainGraph, node: number): number {
  const root = graph.root ?? 0;
  const all = reachable(graph, root, -1);
  if (!all[node]) return graph.selfSize(node);
  const without = reachable(graph, root, node);
  let size = 0;
  for (let v = 0; v < all.length; v++) if (all[v] && !without[v]) size += graph.selfSize(v);
  return size;
}

/**
 * Immediate dominators by definition: d dominates w when removing d leaves w unreachable; w's immediate
 * dominator is the strict dominator that all its other strict dominators dominate (the one with the most
 * dominators of its own). -1 for the root and for nodes the root does not reach.
 */
export function bruteForceIdom(graph: PlainGraph): number[] {
  const root = graph.root ?? 0;
  const n = graph.strongEdges.length;
  const all = reachable(graph, root, -1);
  const dominators: number[][] = Array.from({ length: n }, () => []);
  for (let d = 0; d < n; d++) {
    if (!all[d]) continue;
    const without = reachable(graph, root, d);
    for (let w = 0; w < n; w++) if (w !== d && all[w] && !without[w]) dominators[w]!.push(d);
  }
  return dominators.map((strict, w) =>
    w === root || !all[w] ? -1 : strict.reduce((best, d) => (dominators[d]!.length > dominators[best]!.length ? d : best)),
  );
}
