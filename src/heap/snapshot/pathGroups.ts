// "New and still alive" for snapshots whose object ids cannot be compared (see idTrust.ts): every reachable
// object is counted under the shape of its retainer path — the chain of reference kinds, property names and
// classes from the root, with element indices and numeric keys left out — and the two snapshots' counts and
// sizes are subtracted shape by shape. `logs[0]`, `logs[1]`, … are one shape, so growth of a captured
// collection shows as one group whatever the ids say.
import { EDGE_TYPE_BITS, EDGE_TYPE_MASK, type HeapGraph } from './graph';
import { GroupTable } from './groupTable';
import type { WordBuffers } from './wordBuffers';

export interface PathGroup {
  count: number;
  size: number;
  /** One object of the group (of the snapshot it was measured in), to show its retainer path. */
  example: number;
}

/** Shape (a 53-bit hash of the path) → group. */
export type PathGroups = Map<number, PathGroup>;

/**
 * What the baseline keeps of the first snapshot's groups: sorted keys and their totals in typed arrays (a
 * Map of objects measured several MB more at the comparison's peak, while the second snapshot is read).
 */
export interface PathTotals {
  keys: Float64Array;
  counts: Float64Array;
  sizes: Float64Array;
}

export function pathTotals(groups: PathGroups): PathTotals {
  const keys = Float64Array.from(groups.keys()).sort();
  const counts = new Float64Array(keys.length);
  const sizes = new Float64Array(keys.length);
  keys.forEach((key, i) => {
    const g = groups.get(key)!;
    counts[i] = g.count;
    sizes[i] = g.size;
  });
  return { keys, counts, sizes };
}

/** Index of `key` in the totals, or -1. */
export function findPath(totals: PathTotals, key: number): number {
  let lo = 0;
  let hi = totals.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = totals.keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Two 32-bit FNV-style lanes, so that distinct shapes practically never share a key: each step mixes x into
 * the low lane by this and into the high lane by mixHigh (two functions, not one returning a pair: the walk
 * below calls them three times per reference).
 */
const mixLow = (lo: number, x: number): number => Math.imul(lo ^ x, 0x01000193) >>> 0;
const mixHigh = (hi: number, x: number): number => Math.imul(hi ^ x, 0x5bd1e995) >>> 0;

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function groupByRetainerPath(g: HeapGraph, buffers: WordBuffers): PathGroups {
  const weak = g.edgeTypeIndex('weak');
  const element = g.edgeTypeIndex('element');
  const hidden = g.edgeTypeIndex('hidden');
  const object = g.typeIndex('object');
  const native = g.typeIndex('native');
  // Names are hashed once per distinct string, not once per node or edge.
  const nameHashes = new Map<number, number>();
  const nameHash = (index: number, text: () => string): number => {
    let h = nameHashes.get(index);
    if (h === undefined) nameHashes.set(index, (h = hashString(text())));
    return h;
  };
  const stepHashes = new Map<number, number>();
  const stepHash = (e: number): number => {
    const index = g.edgeNames.get(e);
    let h = stepHashes.get(index);
    if (h === undefined) {
      const name = g.edgeName(e);
      stepHashes.set(index, (h = /^\d+$/.test(name) ? 0 : hashString(name)));
    }
    return h;
  };
  // Scratch words from the shared pool: they cost nothing at the peak when an earlier phase freed them.
  const lo = new Uint32Array(buffers.take());
  const hi = new Uint32Array(buffers.take());
  lo[0] = 0;
  hi[0] = 0;
  const queue = new Uint32Array(buffers.take());
  const seen = new Uint8Array(g.nodeCount);
  // Keyed by the low lane and the high lane's top 21 bits, as the 53-bit key holds them.
  const shapes = new GroupTable();
  const targets = g.edgeTargets;
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  seen[0] = 1;
  while (head < tail) {
    const v = queue[head++]!;
    for (let e = g.firstEdge.get(v), end = g.firstEdge.get(v + 1); e < end; e++) {
      // Target and type share a word (HeapGraph.edgeTargets): read once per edge, not once for each.
      const target = targets.get(e);
      const type = target & EDGE_TYPE_MASK;
      if (type === weak) continue;
      const w = target >>> EDGE_TYPE_BITS;
      if (seen[w]) continue;
      seen[w] = 1;
      queue[tail++] = w;
      const step = type === element || type === hidden ? 0 : stepHash(e);
      const t = g.type(w);
      const cls = t === object || t === native ? nameHash(g.nameIndex(w), () => g.name(w)) : t + 1;
      const a = mixLow(mixLow(mixLow(lo[v]!, type), step), cls);
      const b = mixHigh(mixHigh(mixHigh(hi[v]!, type), step), cls);
      lo[w] = a;
      hi[w] = b;
      shapes.add(a, b >>> 11, g.selfSize(w), w);
    }
  }
  buffers.give(queue, lo, hi);
  const groups: PathGroups = new Map();
  shapes.forEach((a, b, count, size, example) => groups.set(b * 2 ** 32 + a, { count, size, example }));
  return groups;
}
