import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyntheticNode } from './syntheticSnapshot';
import { snapshotJson } from './syntheticSnapshot';
import { computeDominators, walkDominatorTree } from '../../../src/heap/snapshot/dominators';
import { rootParents } from '../../../src/heap/snapshot/retainers';
import { WordBuffers } from '../../../src/heap/snapshot/wordBuffers';
import { bruteForceIdom, bruteForceRetained } from '../../support/retained';
import { analyzeText } from './analysisHelpers';

/** A varied but reproducible graph: edge targets and kinds from simple arithmetic on (seed, node, slot). */
function graph(seed: number): SyntheticNode[] {
  const count = 5 + ((seed * 37) % 60);
  const nodes: SyntheticNode[] = [];
  for (let i = 0; i < count; i++)
    nodes.push({ type: i === 0 ? 'synthetic' : 'object', name: `N${i}`, id: 2 * i + 1, self: 1 + ((i * 31 + seed * 17) % 100), edges: [] });
  for (let i = 0; i < count; i++) {
    const out = (i * 5 + seed) % 4;
    for (let k = 0; k < out; k++) {
      const to = (i * 7 + k * 13 + seed * 11 + ((i * k) % 5)) % count;
      nodes[i]!.edges!.push({ type: (i + k + seed) % 7 === 0 ? 'weak' : 'property', name: `p${k}`, to });
    }
  }
  return nodes;
}

/** Retained size by definition (the bytes that become unreachable from the root when `x` is removed). */
function bruteRetained(nodes: SyntheticNode[], x: number): number {
  const strongEdges = nodes.map((n) => (n.edges ?? []).filter((e) => e.type !== 'weak').map((e) => e.to));
  return bruteForceRetained({ strongEdges, selfSize: (v) => nodes[v]!.self }, x);
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

test('retained sizes do not depend on how the retainers are batched', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const g = analyzeText(snapshotJson(graph(seed))).graph;
    const whole = computeDominators(g, new WordBuffers(g.nodeCount));
    for (const batch of [1, 2, 5]) {
      const batched = computeDominators(g, new WordBuffers(g.nodeCount), batch);
      assert.deepEqual(Array.from(batched.idom), Array.from(whole.idom), `seed ${seed}, batches of ${batch}`);
      assert.deepEqual(Array.from(batched.retained), Array.from(whole.retained), `seed ${seed}, batches of ${batch}`);
    }
  }
});

/**
 * A seeded random graph with what the batched gathering must get right: nodes reached only through weak
 * edges or not at all (some of them retaining reachable nodes), self-references, parallel edges (a second
 * edge from the DFS parent among them) and a hub that many nodes retain (more retainers than a small batch).
 * `maxOut` bounds each node's random edges: a high one makes an edge-heavy heap.
 */
function randomGraph(seed: number, maxOut = 4): SyntheticNode[] {
  let state = seed;
  const random = (below: number): number => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return ((state >>> 0) % 0x100000) % below;
  };
  const count = 8 + random(40);
  const nodes: SyntheticNode[] = Array.from({ length: count }, (_, i) => ({
    type: i === 0 ? 'synthetic' : 'object',
    name: `N${i}`,
    id: 2 * i + 1,
    self: 1 + random(50),
    edges: [],
  }));
  const hub = 1 + random(count - 1);
  for (let i = 0; i < count; i++) {
    const edges = nodes[i]!.edges!;
    for (let k = random(maxOut); k > 0; k--) {
      const to = random(count);
      edges.push({ type: random(6) === 0 ? 'weak' : 'property', name: `p${k}`, to });
      if (random(5) === 0) edges.push({ type: 'property', name: `q${k}`, to });
    }
    if (random(3) === 0) edges.push({ type: 'internal', name: 'hub', to: hub });
    if (random(8) === 0) edges.push({ type: 'property', name: 'self', to: i });
  }
  return nodes;
}

function assertDominatorsByDefinition(nodes: SyntheticNode[], batches: (number | undefined)[], label: string): void {
  const strongEdges = nodes.map((n) => (n.edges ?? []).filter((e) => e.type !== 'weak').map((e) => e.to));
  const expected = bruteForceIdom({ strongEdges, selfSize: (v) => nodes[v]!.self });
  const g = analyzeText(snapshotJson(nodes)).graph;
  for (const batch of batches) {
    const dom = computeDominators(g, new WordBuffers(g.nodeCount), batch);
    assert.deepEqual(Array.from(dom.idom), expected, `${label}, batches of ${batch ?? 'a buffer'}`);
    nodes.forEach((_, v) =>
      assert.equal(dom.retained[v], bruteForceRetained({ strongEdges, selfSize: (x) => nodes[x]!.self }, v), `${label}, node ${v}`),
    );
  }
}

test('immediate dominators and retained sizes equal their definitions on random graphs, at every batch size', () => {
  for (let seed = 1; seed <= 200; seed++) assertDominatorsByDefinition(randomGraph(seed), [undefined, 1, 2, 3, 7], `seed ${seed}`);
});

test('edge-heavy graphs (more retainers than two per node: a buffer bigger than a pool buffer) keep exact dominators', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const nodes = randomGraph(seed, 24);
    const strong = nodes.reduce((sum, n) => sum + (n.edges ?? []).filter((e) => e.type !== 'weak').length, 0);
    assert.ok(strong > 4 * nodes.length, `seed ${seed} is edge-heavy`);
    assertDominatorsByDefinition(nodes, [undefined, 5], `seed ${seed}, edge-heavy`);
  }
});

test('the dominator tree walk enters every reachable node once, after its dominator, and leaves it after its subtree', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const a = analyzeText(snapshotJson(graph(seed)));
    const { idom } = a.dom;
    const entered: number[] = [];
    const open = new Set<number>();
    walkDominatorTree(
      a.dom,
      a.buffers,
      (v) => {
        assert.ok(v === 0 || open.has(idom[v]!), `seed ${seed}: ${v} entered outside its dominator`);
        entered.push(v);
        open.add(v);
      },
      (v) => open.delete(v),
    );
    const reachable = Array.from(idom.keys()).filter((v) => v === 0 || idom[v] !== -1);
    assert.deepEqual(
      [...entered].sort((x, y) => x - y),
      reachable,
      `seed ${seed}`,
    );
    assert.equal(open.size, 0);
  }
});

test('retainer paths follow a shortest path, through the lowest-numbered retainer at each step', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const nodes = graph(seed);
    const g = analyzeText(snapshotJson(nodes)).graph;
    const parents = rootParents(g, new WordBuffers(g.nodeCount));
    // distances by plain BFS over the test's own edge lists
    const dist = new Map<number, number>([[0, 0]]);
    for (const queue = [0]; queue.length > 0;) {
      const v = queue.shift()!;
      for (const e of nodes[v]!.edges ?? [])
        if (e.type !== 'weak' && !dist.has(e.to)) {
          dist.set(e.to, dist.get(v)! + 1);
          queue.push(e.to);
        }
    }
    nodes.forEach((_, w) => {
      const d = dist.get(w);
      const expected =
        d === undefined || w === 0
          ? 0xffffffff
          : nodes.findIndex((n, v) => dist.get(v) === d - 1 && (n.edges ?? []).some((e) => e.type !== 'weak' && e.to === w));
      assert.equal(parents[w], expected, `seed ${seed}, node ${w}`);
    });
  }
});

test('a diamond: the join is dominated by the fork, not by either branch', () => {
  const nodes: SyntheticNode[] = [
    { type: 'synthetic', name: 'root', id: 1, self: 0, edges: [{ type: 'property', name: 'a', to: 1 }] },
    {
      type: 'object',
      name: 'Fork',
      id: 3,
      self: 10,
      edges: [
        { type: 'property', name: 'l', to: 2 },
        { type: 'property', name: 'r', to: 3 },
      ],
    },
    { type: 'object', name: 'Left', id: 5, self: 20, edges: [{ type: 'property', name: 'j', to: 4 }] },
    { type: 'object', name: 'Right', id: 7, self: 30, edges: [{ type: 'property', name: 'j', to: 4 }] },
    { type: 'object', name: 'Join', id: 9, self: 40 },
  ];
  const a = analyzeText(snapshotJson(nodes));
  assert.deepEqual(Array.from(a.dom.idom), [-1, 0, 1, 1, 1]);
  assert.deepEqual(Array.from(a.dom.retained), [100, 100, 20, 30, 40]);
});
