// Captured values inside other captured values. A server's module scope captures `app`, which holds the
// router, which holds the middleware whose scope captures the growing `entries`: each of those closures
// "retains" everything, but only the innermost one holds the growth itself. Walking the dominator tree once
// tells, for every captured value, how much of what it retains is retained by captured values below it.
import type { SnapshotAnalysis } from './analysis';
import { walkDominatorTree } from './dominators';

export interface NestedCaptures {
  /** Retained bytes of the nearest captured values the value dominates (each counted once). */
  nestedSize: number;
  /** The nearest dominated captured value that retains the most, or -1. */
  largestInner: number;
}

/** For each node of `values` (captured values), what the captured values nested in it retain. */
export function nestedCaptures(a: SnapshotAnalysis, values: ReadonlySet<number>): Map<number, NestedCaptures> {
  const { retained } = a.dom;
  const out = new Map<number, NestedCaptures>();
  for (const v of values) out.set(v, { nestedSize: 0, largestInner: -1 });
  const isValue = new Uint8Array(a.graph.nodeCount);
  for (const v of values) isValue[v] = 1;
  // The captured values on the dominator-tree path from the root to the node being visited.
  const open: number[] = [];
  walkDominatorTree(
    a.dom,
    a.buffers,
    (v) => {
      if (!isValue[v]) return;
      const holder = open.at(-1);
      if (holder !== undefined) {
        const h = out.get(holder)!;
        h.nestedSize += retained[v]!;
        if (h.largestInner < 0 || retained[v]! > retained[h.largestInner]!) h.largestInner = v;
      }
      open.push(v);
    },
    (v) => {
      if (isValue[v]) open.pop();
    },
  );
  return out;
}

/**
 * The innermost captured value that explains most of `value`'s retained size: follow the largest nested
 * value down while it holds at least half of what its holder retains. `value` itself when nothing does.
 */
export function innermostHeld(a: SnapshotAnalysis, nested: ReadonlyMap<number, NestedCaptures>, value: number): number {
  const { retained } = a.dom;
  let v = value;
  for (let inner = nested.get(v)?.largestInner ?? -1; inner >= 0 && retained[inner]! * 2 >= retained[v]!;) {
    v = inner;
    inner = nested.get(v)?.largestInner ?? -1;
  }
  return v;
}
