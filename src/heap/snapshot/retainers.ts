// Retainer paths: the shortest chain of non-weak references from the root to a node, read as DevTools reads it.
import { RETAINER_STEP_SEPARATOR } from '../../common/format';
import { EDGE_TYPE_BITS, EDGE_TYPE_MASK, type HeapGraph } from './graph';
import type { WordBuffers } from './wordBuffers';

const NONE = 0xffffffff;
/** Marks the distance of a node first reached through a transient root (see TRANSIENT_ROOTS). */
const LATE = 0x80000000;
const depthOf = (d: number): number => d & 0x7fffffff;

/**
 * V8's roots for what is in flight when the snapshot is taken: the inspector interrupts the service between
 * two statements of a request, so the stack and the handle scopes hold the very objects the service keeps.
 * A path through them explains nothing; DevTools likewise prefers paths from the page's own roots.
 */
const TRANSIENT_ROOTS = new Set(['(Stack roots)', '(Handle scope)', '(Relocatable)', '(Debugger)']);

/**
 * Per node, the retainer one step closer to the root on a shortest path (the lowest ordinal among them);
 * NONE for the root and for unreachable nodes. Found by one BFS, which looks at every edge of a reached node
 * once, after the distance of its source is final and of its target too (set now or earlier): no index of
 * retainers, and no second scan of the edges. The BFS reaches everything it can without the transient roots
 * first; only what is left is reached through them (its distances marked LATE, so that no path from a
 * lasting root passes through a transient one).
 */
export function rootParents(g: HeapGraph, buffers: WordBuffers): Uint32Array {
  const weak = g.edgeTypeIndex('weak');
  const synthetic = g.typeIndex('synthetic');
  const targets = g.edgeTargets;
  const dist = new Uint32Array(buffers.take()).fill(NONE);
  const queue = new Uint32Array(buffers.take());
  const parent = new Uint32Array(buffers.take()).fill(NONE);
  const deferred: number[] = [];
  let head = 0;
  let tail = 0;
  dist[0] = 0;
  queue[tail++] = 0;
  for (let late = 0; late < 2; late++) {
    if (late) for (const t of deferred) queue[tail++] = t;
    while (head < tail) {
      const v = queue[head++]!;
      const dv = dist[v]!;
      const next = late ? ((depthOf(dv) + 1) | LATE) >>> 0 : dv + 1;
      for (let e = g.firstEdge.get(v), end = g.firstEdge.get(v + 1); e < end; e++) {
        // Target and type share a word (HeapGraph.edgeTargets): read once per edge, not once for each.
        const target = targets.get(e);
        if ((target & EDGE_TYPE_MASK) === weak) continue;
        const w = target >>> EDGE_TYPE_BITS;
        const dw = dist[w]!;
        if (dw === NONE) {
          dist[w] = next;
          parent[w] = v;
          if (!late && g.type(w) === synthetic && TRANSIENT_ROOTS.has(g.name(w))) deferred.push(w);
          else queue[tail++] = w;
          continue;
        }
        // Reached already: v is a retainer one step closer too when one level up, and not through a transient root.
        if (v < parent[w]! && depthOf(dw) === depthOf(dv) + 1 && !(dw < LATE && dv >= LATE)) parent[w] = v;
      }
    }
  }
  buffers.give(dist, queue);
  return parent;
}

/** One reference on a retainer path: `holder` refers to the next node (towards the object) by this edge. */
interface Hop {
  holder: number;
  type: string;
  name: string;
}

/** How the path text names closures: with their location, when the snapshot has one. */
export type ClosureSite = (closure: number) => { file?: string; url: string; line: number } | undefined;

/** Raw references followed at most: the path is cut to `maxSteps` readable steps, and internal hops are many. */
const MAX_HOPS = 64;

/** The first non-weak edge from `from` to `to`. */
function hop(g: HeapGraph, from: number, to: number): Hop {
  const weak = g.edgeTypeIndex('weak');
  for (let e = g.firstEdge.get(from), end = g.firstEdge.get(from + 1); e < end; e++) {
    if (g.edgeTarget(e) !== to || g.edgeType(e) === weak) continue;
    return { holder: from, type: g.edgeTypes[g.edgeType(e)] ?? 'unknown', name: g.edgeName(e) };
  }
  return { holder: from, type: 'unknown', name: '?' };
}

/**
 * How a node is retained, read the way DevTools' Retainers pane reads, nearest holder first:
 * "`entries` in logRequest() (requestLogger.js:6) ← `handle` of Layer ← `stack[3]` of Array…". Captured
 * variables are named with the closure they belong to; a property holding an Array and the Array's element
 * read as one step (`stack[3]`); V8's internal hops (a closure's `context`, a scope's `previous`, `system /`
 * objects) are left out. Ends at the root group (e.g. `(GC roots)`), or with `…` after `maxSteps` steps.
 */
export function retainerPath(g: HeapGraph, parents: Uint32Array, n: number, site: ClosureSite, maxSteps = 10): string {
  if (n !== 0 && parents[n] === NONE) return '(unreachable)';
  const synthetic = g.typeIndex('synthetic');
  const hops: Hop[] = [];
  let cur = n;
  while (cur !== 0 && g.type(cur) !== synthetic && hops.length < MAX_HOPS) {
    const up = parents[cur]!;
    hops.push(hop(g, up, cur));
    cur = up;
  }
  const steps: string[] = [];
  for (let i = 0; i < hops.length && steps.length < maxSteps; i++) {
    const h = hops[i]!;
    if (g.type(h.holder) === synthetic || h.holder === 0) break;
    // The object's own holder is always named, even when it is plumbing (a context is held by its closure).
    if (i > 0 && isInternalHop(g, h)) continue;
    if (h.type === 'context') {
      const owner = scopeOwner(g, hops, i + 1);
      steps.push(`\`${h.name}\` in ${owner >= 0 ? closureLabel(g, owner, site) : 'a closure scope'}`);
      continue;
    }
    const up = hops[i + 1];
    if (h.type === 'element' && up && (up.type === 'property' || up.type === 'context') && g.className(h.holder) === 'Array') {
      // `stack[3]`: the property (or captured variable) and the element are one step for the reader.
      const joined = { ...up, name: `${up.name}[${h.name}]` };
      i++;
      if (up.type === 'context') {
        const owner = scopeOwner(g, hops, i + 1);
        steps.push(`\`${joined.name}\` in ${owner >= 0 ? closureLabel(g, owner, site) : 'a closure scope'}`);
      } else steps.push(`\`${joined.name}\` of ${nodeLabel(g, up.holder, site)}`);
      continue;
    }
    steps.push(`\`${h.type === 'element' ? `[${h.name}]` : h.name}\` of ${nodeLabel(g, h.holder, site)}`);
  }
  const end = g.type(cur) === synthetic || cur === 0;
  const cut = steps.length >= maxSteps || !end;
  if (cut) steps.push('…');
  else steps.push(cur === 0 ? '(root)' : g.name(cur));
  return steps.join(RETAINER_STEP_SEPARATOR);
}

/** A closure's `context`, a scope's `previous`, and references inside `system / …` objects: V8's plumbing. */
function isInternalHop(g: HeapGraph, h: Hop): boolean {
  if (h.type === 'context' || h.type === 'element' || h.type === 'property') return false;
  if (h.type === 'internal' && (h.name === 'context' || h.name === 'previous')) return true;
  return g.name(h.holder).startsWith('system / ');
}

/** The closure whose scope chain the context at `hops[from - 1]` belongs to: the next closure up the path. */
function scopeOwner(g: HeapGraph, hops: Hop[], from: number): number {
  for (let i = from; i < hops.length; i++) {
    const h = hops[i]!;
    if (g.typeName(h.holder) === 'closure' && h.name === 'context') return h.holder;
    if (!(h.type === 'internal' && h.name === 'previous')) return -1;
  }
  return -1;
}

function closureLabel(g: HeapGraph, closure: number, site: ClosureSite): string {
  const where = site(closure);
  const file = where ? (where.file ?? where.url).split(/[\\/]/).pop() : '';
  return `${g.name(closure) || '(anonymous)'}()${where && file ? ` (${file}:${where.line})` : ''}`;
}

function nodeLabel(g: HeapGraph, n: number, site: ClosureSite): string {
  return g.typeName(n) === 'closure' ? closureLabel(g, n, site) : g.className(n);
}
