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

function fingerprint(g: HeapGraph, n: number): string {
  return `${g.type(n)}:${g.name(n).slice(0, 40)}`;
}

/** id → fingerprint of the sampled nodes of the first snapshot. */
export function sampleIds(g: HeapGraph): Map<number, string> {
  const sample = new Map<number, string>();
  const all = g.nodeCount < SAMPLE_ALL_BELOW;
  for (let v = 0; v < g.nodeCount; v++) {
    const id = g.id(v);
    if (all || sampled(id)) sample.set(id, fingerprint(g, v));
  }
  return sample;
}

export interface IdAgreement {
  trusted: boolean;
  shared: number;
  disagreeing: number;
}

/** Compares the second snapshot's nodes with the first's sample (an id the sample lacks is skipped). */
export function idAgreement(before: ReadonlyMap<number, string>, g: HeapGraph): IdAgreement {
  let shared = 0;
  let disagreeing = 0;
  // A sample of SAMPLE_ALL_BELOW ids or more comes from a big heap and holds only sampled() ids, so the
  // others need no lookup (a smaller one may be a small heap's every id).
  const all = before.size < SAMPLE_ALL_BELOW;
  for (let v = 0; v < g.nodeCount; v++) {
    const id = g.id(v);
    if (!all && !sampled(id)) continue;
    const then = before.get(id);
    if (then === undefined) continue;
    shared++;
    if (then !== fingerprint(g, v)) disagreeing++;
  }
  return { trusted: shared > 0 && disagreeing <= shared * MAX_DISAGREEMENT, shared, disagreeing };
}
