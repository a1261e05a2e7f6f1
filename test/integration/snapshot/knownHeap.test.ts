// A heap built by the test with known counts, written by V8 itself: the summary's figures are checked
// against values computed here independently (plain JSON.parse and reachability, no shared code).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { summarizeSnapshotFile } from '../../../src/heap/snapshot/runWorker';
import { bruteForceRetained } from '../../support/retained';

const dir = mkdtempSync(join(tmpdir(), 'leaklens-known-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PROBES = 20_000;
const HELD = 5_000;
const program = `const v8 = require('v8');
class LeakLensProbe { constructor(i) { this.i = i; this.tag = 'probe'; } }
globalThis.probes = [];
for (let i = 0; i < ${PROBES}; i++) probes.push(new LeakLensProbe(i));
function makeHolder() {
  const held = new Map();
  for (let i = 0; i < ${HELD}; i++) held.set('k' + i, { i });
  return function holder() { return held.size; };
}
globalThis.holder = makeHolder();
v8.writeHeapSnapshot(process.argv[2]);
`;

interface Parsed {
  nodes: number[];
  edges: number[];
  strings: string[];
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
}

/** Independent reading of the file: JSON.parse, then plain loops. */
function independent(file: string) {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Parsed;
  const nf = s.snapshot.meta.node_fields.length;
  const ef = s.snapshot.meta.edge_fields.length;
  const n = s.nodes.length / nf;
  const type = (i: number) => s.snapshot.meta.node_types[0][s.nodes[i * nf]!]!;
  const name = (i: number) => s.strings[s.nodes[i * nf + 1]!]!;
  const self = (i: number) => s.nodes[i * nf + 3]!;
  const out: number[][] = [];
  let e = 0;
  for (let i = 0; i < n; i++) {
    const list: number[] = [];
    for (let k = 0; k < s.nodes[i * nf + 4]!; k++, e += ef) {
      if (s.snapshot.meta.edge_types[0][s.edges[e]!] !== 'weak') list.push(s.edges[e + 2]! / nf);
    }
    out.push(list);
  }
  const retained = (x: number) => bruteForceRetained({ strongEdges: out, selfSize: self }, x);
  let probeCount = 0;
  let probeSelf = 0;
  let probesArray = -1;
  for (let i = 0; i < n; i++) {
    if (type(i) === 'object' && name(i) === 'LeakLensProbe') {
      probeCount++;
      probeSelf += self(i);
    }
  }
  // The global's `probes` property: an Array with PROBES elements.
  for (let i = 0, e2 = 0; i < n && probesArray < 0; i++) {
    for (let k = 0; k < s.nodes[i * nf + 4]!; k++, e2 += ef) {
      const to = s.edges[e2 + 2]! / nf;
      if (s.snapshot.meta.edge_types[0][s.edges[e2]!] === 'property' && s.strings[s.edges[e2 + 1]!] === 'probes' && name(to) === 'Array')
        probesArray = to;
    }
  }
  return { probeCount, probeSelf, probesRetained: retained(probesArray), probesId: s.nodes[probesArray * nf + 2]! };
}

test('summary figures equal independently computed ones on a heap of known shape', { timeout: 120_000 }, async () => {
  const script = join(dir, 'known-heap.js');
  const file = join(dir, 'known.heapsnapshot');
  writeFileSync(script, program);
  execFileSync(process.execPath, [script, file], { timeout: 60_000 });
  const expected = independent(file);
  assert.equal(expected.probeCount, PROBES);

  const summary = await summarizeSnapshotFile(file);
  const probes = summary.bySelf.find((c) => c.name === 'LeakLensProbe');
  assert.ok(probes, 'LeakLensProbe is among the top constructors by self size');
  assert.equal(probes.count, PROBES);
  assert.equal(probes.selfSize, expected.probeSelf);
  assert.equal(
    summary.byRetained.find((c) => c.name === 'LeakLensProbe')?.retainedSize,
    expected.probeSelf,
    'the probes hold nothing else',
  );

  const array = summary.biggestObjects.find((o) => o.id === expected.probesId);
  assert.ok(array, 'the probes array is among the biggest objects');
  assert.equal(array.retainedSize, expected.probesRetained);
  assert.match(array.retainerPath, /^`probes` of /);

  const holder = summary.closures.find((c) => c.functionName === 'holder');
  assert.ok(holder, 'the holder closure is listed');
  assert.equal(holder.site?.file, script);
  assert.equal(holder.site?.line, program.split('\n').findIndex((l) => l.includes('function holder')) + 1);
  const held = holder.variables.find((v) => v.name === 'held');
  assert.equal(held?.className, 'Map');
  assert.equal(held?.count, HELD);
});
