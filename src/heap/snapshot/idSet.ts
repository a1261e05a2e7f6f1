// The first snapshot's node ids, kept to tell which objects of the second are new: asked once per reachable
// node of the second. V8 numbers heap objects densely (odd numbers, counting up as the profiler first sees
// them: below 2.1× the node count on the bench snapshots) and embedder objects by their address (a few
// dozen, in the billions), so a bitmap covers the dense range and the few others are sorted apart. On the
// 1.2 GB bench pair that is 3.7 MB where a sorted array of all ids took 56 MB (held at the comparison's
// peak) and a sort. Plain typed arrays, so that the baseline is posted from worker to worker.

export interface IdSet {
  /** Bit id of word id >>> 5: the ids below bits.length × 32. */
  bits: Uint32Array;
  /** The ids above the bitmap, sorted. */
  outliers: Uint32Array;
}

/** A bitmap over ids below this many per node would outgrow a sorted array of all ids (one word each). */
const DENSE_IDS_PER_NODE = 32;

export function idSetOf(count: number, idOf: (i: number) => number): IdSet {
  const limit = DENSE_IDS_PER_NODE * Math.max(count, 1);
  let top = 0;
  let outlying = 0;
  for (let i = 0; i < count; i++) {
    const id = idOf(i);
    if (id >= limit) outlying++;
    else if (id > top) top = id;
  }
  const bits = new Uint32Array((top >>> 5) + 1);
  const outliers = new Uint32Array(outlying);
  let o = 0;
  for (let i = 0; i < count; i++) {
    const id = idOf(i);
    if (id >= limit) outliers[o++] = id;
    else bits[id >>> 5]! |= 1 << (id & 31);
  }
  outliers.sort();
  return { bits, outliers };
}

export function hasId(set: IdSet, id: number): boolean {
  const word = id >>> 5;
  if (word < set.bits.length) return ((set.bits[word]! >>> (id & 31)) & 1) === 1;
  const { outliers } = set;
  let lo = 0;
  let hi = outliers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = outliers[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The set's memory, to move it to another thread rather than copy it. */
export const idSetBuffers = (set: IdSet): ArrayBuffer[] => [set.bits.buffer as ArrayBuffer, set.outliers.buffer as ArrayBuffer];
