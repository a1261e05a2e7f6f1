// Retainer paths: the shortest chain of non-weak references from the root to a node, as DevTools shows it.
import type { Dominators } from './dominators';
import type { HeapGraph } from './graph';

/** BFS distance from the root over non-weak edges; 0xffffffff for unreachable nodes. */
export function rootDistances(g: HeapGraph): Uint32Array {
  const weak = g.edgeTypeIndex('weak');
  const dist = new Uint32Array(g.nodeCount).fill(0xffffffff);
  const queue = new Uint32Array(g.nodeCount);
  let head = 0;
  let tail = 0;
  dist[0] = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const v = queue[head++]!;
    for (let e = g.firstEdge[v]!, end = g.firstEdge[v + 1]!; e < end; e++) {
      if (g.edgeType(e) === weak) continue;
      const w = g.edgeTarget(e);
      if (dist[w] !== 0xffffffff) continue;
      dist[w] = dist[v]! + 1;
      queue[tail++] = w;
    }
  }
  return dist;
}

/** How one reference reads: `.name` for properties, `[i]` for elements, `(context) name` for captured variables. */
function describeEdge(g: HeapGraph, from: number, to: number): string {
  const weak = g.edgeTypeIndex('weak');
  for (let e = g.firstEdge[from]!, end = g.firstEdge[from + 1]!; e < end; e++) {
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
export function retainerPath(g: HeapGraph, dom: Dominators, dist: Uint32Array, n: number, maxSteps = 8): string {
  if (dist[n] === 0xffffffff) return '(unreachable)';
  const synthetic = g.typeIndex('synthetic');
  const chain = [n]; // node first, walking towards the root
  let cur = n;
  while (cur !== 0 && g.type(cur) !== synthetic && chain.length <= maxSteps) {
    let next = -1;
    for (let r = dom.retainerFirst[cur]!, end = dom.retainerFirst[cur + 1]!; r < end; r++) {
      const v = dom.retainerNode[r]!;
      if (dist[v] === dist[cur]! - 1) {
        next = v;
        break;
      }
    }
    if (next < 0) break;
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
  return g.typeName(n) === 'closure' ? `${name || '(anonymous)'}()` : g.className(n) === name ? name : `${g.className(n)} ${JSON.stringify(name.slice(0, 40))}`;
}
