import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyntheticNode } from './syntheticSnapshot';
import { snapshotJson } from './syntheticSnapshot';
import { analyzeText } from './analysisHelpers';

/** A varied but reproducible graph: edge targets and kinds from simple arithmetic on (seed, node, slot). */
function graph(seed: number): SyntheticNode[] {
  const count = 5 + ((seed * 37) % 60);
  const nodes: SyntheticNode[] = [];
  for (let i = 0; i < count; i++) nodes.push({ type: i === 0 ? 'synthetic' : 'object', name: `N${i}`, id: 2 * i + 1, self: 1 + ((i * 31 + seed * 17) % 100), edges: [] });
  for (let i = 0; i < count; i++) {
    const out = (i * 5 + seed) % 4;
    for (let k = 0; k < out; k++) {
      const to = (i * 7 + k * 13 + seed * 11 + ((i * k) % 5)) % count;
      nodes[i]!.edges!.push({ type: (i + k + seed) % 7 === 0 ? 'weak' : 'property', name: `p${k}`, to });
    }
  }
  return nodes;
}

/** Retained size by definition: the bytes that become unreachable from the root when `x` is removed. */
function bruteRetained(nodes: SyntheticNode[], x: number): number {
  const reach = (skip: number): Set<number> => {
    const seen = new Set<number>([0]);
    const stack = [0];
    while (stack.length) {
      const v = stack.pop()!;
      for (const e of nodes[v]!.edges ?? []) {
        if (e.type === 'weak' || e.to === skip || seen.has(e.to)) continue;
        seen.add(e.to);
        stack.push(e.to);
      }
    }
    return seen;
  };
  const all = reach(-1);
  if (!all.has(x)) return nodes[x]!.self;
  const without = x === 0 ? new Set<number>() : reach(x);
  let size = 0;
  for (const v of all) if (!without.has(v)) size += nodes[v]!.self;
  return size;
}

test('retained sizes equal the removal definition on random graphs (weak edges do not retain)', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const nodes = graph(seed);
    const count = nodes.length;
    const a = analyzeText(snapshotJson(nodes));
    for (let v = 0; v < count; v++) {
      assert.equal(a.dom.retained[v], bruteRetained(nodes, v), `seed ${seed}, node ${v}`);
    }
  }
});

test('retainers of each node: the sources of its non-weak edges, in edge order (duplicates kept)', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const nodes = graph(seed);
    const { retainerFirst, retainerNode } = analyzeText(snapshotJson(nodes)).dom;
    const expected: number[][] = nodes.map(() => []);
    nodes.forEach((n, v) => n.edges?.forEach((e) => e.type !== 'weak' && expected[e.to]!.push(v)));
    const actual = nodes.map((_, w) => Array.from(retainerNode.subarray(retainerFirst[w], retainerFirst[w + 1])));
    assert.deepEqual(actual, expected, `seed ${seed}`);
    assert.equal(retainerFirst[nodes.length], retainerNode.length);
  }
});

test('a diamond: the join is dominated by the fork, not by either branch', () => {
  const nodes: SyntheticNode[] = [
    { type: 'synthetic', name: 'root', id: 1, self: 0, edges: [{ type: 'property', name: 'a', to: 1 }] },
    { type: 'object', name: 'Fork', id: 3, self: 10, edges: [{ type: 'property', name: 'l', to: 2 }, { type: 'property', name: 'r', to: 3 }] },
    { type: 'object', name: 'Left', id: 5, self: 20, edges: [{ type: 'property', name: 'j', to: 4 }] },
    { type: 'object', name: 'Right', id: 7, self: 30, edges: [{ type: 'property', name: 'j', to: 4 }] },
    { type: 'object', name: 'Join', id: 9, self: 40 },
  ];
  const a = analyzeText(snapshotJson(nodes));
  assert.deepEqual(Array.from(a.dom.idom), [-1, 0, 1, 1, 1]);
  assert.deepEqual(Array.from(a.dom.retained), [100, 100, 20, 30, 40]);
});
