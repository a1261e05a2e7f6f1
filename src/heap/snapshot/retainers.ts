// Retainer paths: the shortest chain of non-weak references from the root to a node, as DevTools shows it.
import type { HeapGraph } from './graph';
import type { WordBuffers } from './wordBuffers';

const NONE = 0xffffffff;

/**
 * Per node, the retainer one step closer to the root on a shortest path (the lowest ordinal among them);
 * NONE for the root and for unreachable nodes. Found by a BFS for the distances, then one forward scan of the
 * edges: no index of retainers is needed.
 */
export function rootParents(g: HeapGraph, buffers: WordBuffers): Uint32Array {
  const weak = g.edgeTypeIndex('weak');
  const dist = new Uint32Array(buffers.take()).fill(NONE);
  const queue = new Uint32Array(buffers.take());
  let head = 0;
  let tail = 0;
  dist[0] = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const v = queue[head++]!;
    for (let e = g.firstEdge.get(v), end = g.firstEdge.get(v + 1); e < end; e++) {
      if (g.edgeType(e) === weak) continue;
      const w = g.edgeTarget(e);
      if (dist[w] !== NONE) continue;
      dist[w] = dist[v]! + 1;
      queue[tail++] = w;
    }
  }
  const parent = queue.fill(NONE);
  for (let v = 0; v < g.nodeCount; v++) {
    if (dist[v] === NONE) continue;
    for (let e = g.firstEdge.get(v), end = g.firstEdge.get(v + 1); e < end; e++) {
      if (g.edgeType(e) === weak) continue;
      const w = g.edgeTarget(e);
      if (parent[w] === NONE && dist[w] === dist[v]! + 1) parent[w] = v;
    }
  }
  buffers.give(dist);
  return parent;
}

/** How one reference reads: `.name` for properties, `[i]` for elements, `(context) name` for captured variables. */
function describeEdge(g: HeapGraph, from: number, to: number): string {
  const weak = g.edgeTypeIndex('weak');
  for (let e = g.firstEdge.get(from), end = g.firstEdge.get(from + 1); e < end; e++) {
    if (g.edgeTarget(e) !== to || g.edgeType(e) === weak) continue;
    const type = g.edgeTypes[g.edgeType(e)];
    const name = g.edgeName(e);
    if (type === 'element') return `[${name}]`;
    if (type === 'context') return ` captures ${name}`;
    if (type === 'property') return `.${name}`;
    return `.<${name}>`;
  }
  return ' → ';
}

/**
 * e.g. `(Global handles) → Object.logs[41]`: from the last synthetic root group (V8's `(GC roots)` etc.)
 * down to the node; at most `maxSteps` references, the ones closest to the node kept.
 */
export function retainerPath(g: HeapGraph, parents: Uint32Array, n: number, maxSteps = 8): string {
  if (n !== 0 && parents[n] === NONE) return '(unreachable)';
  const synthetic = g.typeIndex('synthetic');
  const chain = [n]; // node first, walking towards the root
  let cur = n;
  while (cur !== 0 && g.type(cur) !== synthetic && chain.length <= maxSteps) {
    const next = parents[cur]!;
    chain.push(next);
    cur = next;
  }
  chain.reverse();
  const head = cur === 0 || g.type(cur) === synthetic ? '' : '… ';
  let text = head + label(g, chain[0]!);
  for (let i = 1; i < chain.length; i++) text += describeEdge(g, chain[i - 1]!, chain[i]!);
  return text;
}

function label(g: HeapGraph, n: number): string {
  if (n === 0) return '(root)';
  if (g.typeName(n) === 'synthetic') return g.name(n);
  const name = g.name(n);
  return g.typeName(n) === 'closure'
    ? `${name || '(anonymous)'}()`
    : g.className(n) === name
      ? name
      : `${g.className(n)} ${JSON.stringify(name.slice(0, 40))}`;
}
