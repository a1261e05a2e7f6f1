// Whether two snapshots share V8's object ids. Ids are kept within one inspector session of one process;
// snapshots from two sessions (two `leaklens snapshot` runs, DevTools, --heapsnapshot-signal,
// v8.writeHeapSnapshot hours apart) number their objects independently, and the same number then names
// unrelated objects. A fixed sample of ids (chosen by a hash of the id, so both snapshots pick the same
// ones) is kept from the first snapshot with each object's kind and name; the second must agree on them.
import type { HeapGraph } from './graph';

/** About one id in 64 is sampled (every id of a small heap): thousands on a service, enough to see a mismatch. */
const SAMPLE_MASK = 63;
const SAMPLE_ALL_BELOW = 20_000;
/** Same-session snapshots agree on every sampled id; allow a little for objects V8 renames in place. */
const MAX_DISAGREEMENT = 0.02;

const sampled = (id: number): boolean => ((Math.imul(id, 0x9e3779b1) >>> 26) & SAMPLE_MASK) === 0;

/**
 * The sample: an open-addressing table of ids (0 = empty: V8 numbers from 1) with a 32-bit fingerprint of
 * each object's kind and name. Typed arrays, where a Map of strings cost a decoded name per sampled node
 * and two structured-clone copies on its way to the second worker.
 */
export interface IdSample {
  count: number;
  ids: Uint32Array;
  fingerprints: Uint32Array;
}

/** A table's home slot for an id: the top bits of a multiplicative hash (the low bits of ids are mostly 1). */
const slotOf = (id: number, length: number): number => Math.imul(id, 0x85ebca6b) >>> (Math.clz32(length) + 1);

/** FNV-1a of the kind and the name's first 40 characters; names are hashed once per distinct string. */
function fingerprinter(g: HeapGraph): (n: number) => number {
  const byName = new Map<number, number>();
  return (n) => {
    const index = g.nameIndex(n);
    let h = byName.get(index);
    if (h === undefined) {
      const name = g.name(n);
      h = 0x811c9dc5;
      for (let i = 0; i < name.length && i < 40; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
      byName.set(index, h);
    }
    return Math.imul(h ^ g.type(n), 0x01000193) >>> 0;
  };
}

/** The sampled ids of the first snapshot with their fingerprints. */
export function sampleIds(g: HeapGraph): IdSample {
  const all = g.nodeCount < SAMPLE_ALL_BELOW;
  let count = 0;
  for (let v = 0; v < g.nodeCount; v++) if (all || sampled(g.id(v))) count++;
  let size = 2;
  while (size < 2 * count) size *= 2;
  const ids = new Uint32Array(size);
  const fingerprints = new Uint32Array(size);
  const fingerprint = fingerprinter(g);
  const mask = size - 1;
  for (let v = 0; v < g.nodeCount; v++) {
    const id = g.id(v);
    if (id === 0 || !(all || sampled(id))) continue;
    let slot = slotOf(id, size);
    while (ids[slot] !== 0 && ids[slot] !== id) slot = (slot + 1) & mask;
    ids[slot] = id;
    fingerprints[slot] = fingerprint(v);
  }
  return { count, ids, fingerprints };
}

export interface IdAgreement {
  trusted: boolean;
  shared: number;
  disagreeing: number;
}

/** Compares the second snapshot's nodes with the first's sample (an id the sample lacks is skipped). */
export function idAgreement(before: IdSample, g: HeapGraph): IdAgreement {
  let shared = 0;
  let disagreeing = 0;
  // A sample of SAMPLE_ALL_BELOW ids or more comes from a big heap and holds only sampled() ids, so the
  // others need no lookup (a smaller one may be a small heap's every id).
  const all = before.count < SAMPLE_ALL_BELOW;
  const { ids, fingerprints } = before;
  const mask = ids.length - 1;
  const fingerprint = fingerprinter(g);
  for (let v = 0; v < g.nodeCount; v++) {
    const id = g.id(v);
    if (id === 0 || !(all || sampled(id))) continue;
    let slot = slotOf(id, ids.length);
    while (ids[slot] !== 0 && ids[slot] !== id) slot = (slot + 1) & mask;
    if (ids[slot] === 0) continue;
    shared++;
    if (fingerprints[slot] !== fingerprint(v)) disagreeing++;
  }
  return { trusted: shared > 0 && disagreeing <= shared * MAX_DISAGREEMENT, shared, disagreeing };
}
