import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HeapGraph, SnapshotFormatError } from '../../../src/heap/snapshot/graph';
import { parseSnapshotFile, SnapshotTokenizer } from '../../../src/heap/snapshot/tokenizer';
import type { Words24 } from '../../../src/heap/snapshot/words24';
import { leakyHeap, snapshotJson } from './syntheticSnapshot';

function tokenize(text: string, chunkSize: number) {
  const bytes = Buffer.from(text, 'utf8');
  const t = new SnapshotTokenizer();
  for (let i = 0; i < bytes.length; i += chunkSize) t.push(bytes.subarray(i, i + chunkSize));
  return t.end();
}

const read = (w: Words24) => Array.from({ length: w.length }, (_, i) => w.get(i));
/** The node field at `offset` of every node (7 fields per node in these files). */
const nodeField = (nodes: number[], offset: number) => nodes.filter((_, i) => i % 7 === offset);

const tricky = snapshotJson([
  {
    type: 'synthetic',
    name: '',
    id: 1,
    self: 0,
    edges: [
      { type: 'element', name: 1, to: 1 },
      { type: 'property', name: 'ünïcødé "quoted" \\ slash', to: 2 },
    ],
  },
  { type: 'string', name: 'line\nbreak\ttab \u2028 emoji 🙂', id: 3, self: 4294967295 },
  { type: 'object', name: 'Ω', id: 4294967293, self: 0 },
]);

test('typed arrays and strings equal JSON.parse of the same text, whatever the chunk boundaries', () => {
  const expected = JSON.parse(tricky);
  for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) {
    const raw = tokenize(tricky, chunk);
    // kept: name, id, self_size, type, edge_count (as the edge offsets); trace id and detachedness are dropped
    assert.deepEqual(read(raw.nodeNames), nodeField(expected.nodes, 1), `node names, chunk ${chunk}`);
    assert.deepEqual(Array.from(raw.nodeIds), nodeField(expected.nodes, 2), `node ids, chunk ${chunk}`);
    assert.deepEqual(read(raw.selfSizes), nodeField(expected.nodes, 3), `self sizes, chunk ${chunk}`);
    assert.deepEqual(Array.from(raw.nodeKinds), nodeField(expected.nodes, 0), `node types, chunk ${chunk}`);
    let total = 0;
    assert.deepEqual(
      read(raw.firstEdge),
      [0, ...nodeField(expected.nodes, 4).map((count) => (total += count))],
      `first edges, chunk ${chunk}`,
    );
    assert.equal(raw.nodeStride, 7);
    const edgeField = (offset: number) => expected.edges.filter((_: number, i: number) => i % 3 === offset);
    assert.deepEqual(read(raw.edgeNames), edgeField(1), `edge names, chunk ${chunk}`);
    const types = edgeField(0);
    assert.deepEqual(
      read(raw.edgeTargets),
      edgeField(2).map((to: number, i: number) => (to / 7) * 16 + types[i]),
      `edge targets and types, chunk ${chunk}`,
    );
    assert.deepEqual(raw.strings.toArray(), expected.strings, `strings, chunk ${chunk}`);
    assert.deepEqual(raw.header, expected.snapshot, `header, chunk ${chunk}`);
  }
});

test('string escapes, \\u escapes and surrogate pairs split at every byte across two chunks', () => {
  // V8 writes these escapes itself; a split inside "\\u00e9" or between a pair's halves must not change a string.
  const escaped = ['\\u00e9t\\u00e9', 'emoji \\ud83d\\ude42!', 'q \\"x\\" b \\\\ s \\/ n\\n t\\t', 'plain', '\\u0000', ''];
  const text = leakyHeap(20).replace(/"strings":\[/, `"strings":[${escaped.map((e) => `"${e}"`).join(',\n')},\n`);
  const expected = (JSON.parse(text) as { strings: string[] }).strings;
  const bytes = Buffer.from(text, 'utf8');
  const from = bytes.indexOf('"strings"');
  for (let split = from; split < from + 120; split++) {
    const t = new SnapshotTokenizer();
    t.push(bytes.subarray(0, split));
    t.push(bytes.subarray(split));
    assert.deepEqual(t.end().strings.toArray(), expected, `split at ${split - from}`);
  }
});

test('whitespace that JSON allows between tokens reads like V8 layout', () => {
  const good = leakyHeap(300);
  const reference = tokenize(good, 1 << 20);
  const spaced = good
    .replace(/\n,/g, '\r\n ,\t')
    .replace(/"(nodes|edges|strings|snapshot)":\[?/g, (m) => ` \n${m.replace(':', ' :\t ')} `)
    .replace(/\]/g, ' \r\n]');
  assert.notEqual(spaced, good);
  assert.deepEqual(JSON.parse(spaced), JSON.parse(good));
  for (const chunk of [1, 5, 64, 1 << 20]) {
    const raw = tokenize(spaced, chunk);
    assert.deepEqual(Array.from(raw.nodeIds), Array.from(reference.nodeIds), `chunk ${chunk}`);
    assert.deepEqual(read(raw.edgeTargets), read(reference.edgeTargets), `chunk ${chunk}`);
    assert.deepEqual(read(raw.firstEdge), read(reference.firstEdge), `chunk ${chunk}`);
    assert.deepEqual(raw.strings.toArray(), reference.strings.toArray(), `chunk ${chunk}`);
  }
});

test('parseSnapshotFile reads a file in chunks and yields the same graph', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leaklens-tok-'));
  const file = join(dir, 'a.heapsnapshot');
  const text = leakyHeap(500);
  writeFileSync(file, text);
  const seen: number[] = [];
  const raw = parseSnapshotFile(file, (p) => seen.push(p.bytesRead), 1000);
  assert.deepEqual(Array.from(raw.nodeIds), nodeField(JSON.parse(text).nodes, 2));
  assert.equal(seen.at(-1), Buffer.byteLength(text));
  assert.ok(seen.length > 10, 'progress is reported per chunk');
  const g = new HeapGraph(raw);
  assert.equal(g.nodeCount, 509);
  assert.equal(g.name(3), 'logRequest');
});

test('parseSnapshotFile sizes the string table from the bytes left: escapes, multi-byte text and chunk edges', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'leaklens-tok-')), 'tricky.heapsnapshot');
  writeFileSync(file, tricky);
  for (const chunk of [1, 3, 64, 1 << 20]) {
    assert.deepEqual(parseSnapshotFile(file, undefined, chunk).strings.toArray(), JSON.parse(tricky).strings, `chunk ${chunk}`);
  }
});

test('long arrays read row by row: the same arrays whatever the separators, the same errors mid-array', () => {
  // Rows far from a chunk's end take the row-at-a-time path; V8's "\n," and other whitespace both read.
  const good = leakyHeap(2000);
  const reference = tokenize(good, 7);
  for (const text of [good, good.replace(/\n,/g, ' ,\t').replace(/,(\d)/g, ', $1')]) {
    const raw = tokenize(text, 1 << 20);
    assert.deepEqual(Array.from(raw.nodeIds), Array.from(reference.nodeIds));
    assert.deepEqual(read(raw.firstEdge), read(reference.firstEdge));
    assert.deepEqual(read(raw.edgeTargets), read(reference.edgeTargets));
    assert.deepEqual(read(raw.edgeNames), read(reference.edgeNames));
  }
  const middle = (key: string) =>
    good.indexOf(`"${key}"`) + Math.floor((good.indexOf(']', good.indexOf(`"${key}"`)) - good.indexOf(`"${key}"`)) / 2);
  /** The text with `insert` put just before (or after) a comma in the middle of the array. */
  const at = (key: string, insert: string, after = 0) => {
    const i = good.indexOf(',', middle(key)) + after;
    return good.slice(0, i) + insert + good.slice(i);
  };
  const inChunk = (text: string, pattern: RegExp) =>
    assert.throws(
      () => new HeapGraph(tokenize(text, 1 << 20)),
      (e: unknown) => e instanceof SnapshotFormatError && pattern.test(e.message),
    );
  inChunk(at('nodes', ','), /expected a number in "nodes"/);
  inChunk(at('edges', ' 5'), /expected "," between numbers in "edges"/);
  inChunk(at('edges', '-'), /non-negative integers/);
  inChunk(at('nodes', '99999999999', 1), /does not fit 32 bits/);
  // A whole row's worth of numbers keeps the rows whole; whichever field 7000000 lands in, it is refused.
  inChunk(at('edges', '7000000,7000000,7000000,', 1), /points outside the nodes array|7000000 in "edges" is not one of the meta's types/);
});

function rejects(text: string, pattern: RegExp): void {
  assert.throws(
    () => new HeapGraph(tokenize(text, 5)),
    (e: unknown) => e instanceof SnapshotFormatError && pattern.test(e.message),
    `for ${JSON.stringify(text.slice(0, 60))}`,
  );
}

test('empty, truncated and malformed input: a clear SnapshotFormatError', () => {
  const good = leakyHeap(3);
  rejects('', /empty/);
  for (const cut of [1, 20, good.indexOf('"nodes"') + 12, good.indexOf('"strings"') + 15, good.length - 3])
    rejects(good.slice(0, cut), /truncated/);
  rejects('[1,2,3]', /starts with "\{"/);
  rejects('{"hello":"world","n":1}', /has no "snapshot"/);
  rejects('{"snapshot":{"meta":{}},"nodes":[],"edges":[],"strings":[]}', /lacks node_fields/);
  rejects('{"nodes":[1,2]}', /before the "snapshot" header/);
  rejects(good.replace('"nodes":[', '"nodes":[-'), /non-negative integers/);
  rejects(good.replace('"edges":[', '"edges":[,'), /expected a number/);
  rejects(good.replace(/"strings":\[/, '"strings":[1,'), /expected a string/);
  rejects(good.replace(/"strings":\[.*\]\}/s, '"strings":[]}'), /names string \d+ but there are only 0 strings/);
  rejects(good.replace(/"edges":\[[^\]]*\]/, '"edges":[]'), /declare \d+ edges but the edges array holds 0/);
  rejects(good.replace(/"strings":\[.*\]\}/s, '"strongs":[]}'), /no "strings"/);
  rejects(good + 'x', /after the end/);
  rejects(good.replace('"snapshot":{', '"snapshot":{"x":tru,'), /not valid JSON/);
  rejects(good.replace(/("edges":\[\d+,\d+,)\d+/, '$1999999'), /points outside the nodes array/);
  rejects(good.replace(/("edges":\[[^\]]*)\]/, '$1,0]'), /edges array does not hold a whole number of edges/);
  rejects(good.replace('"edges":[', '"edges":[1,'), /points outside the nodes array/);
  rejects(good.replace('"nodes":[', '"nodes":[1,'), /nodes array does not hold a whole number of nodes/);
  rejects(good.replace('"edges":[', '"edges":[256,'), /type 256 in "edges" is not one of the meta's types/);
  // A type that fits its storage but that the meta does not list is refused too (7 edge types, 15 node types).
  rejects(good.replace(/("edges":\[)\d+/, '$17'), /type 7 in "edges" is not one of the meta's types/);
  rejects(good.replace(/("nodes":\[)\d+/, '$115'), /type 15 in "nodes" is not one of the meta's types/);
  rejects(good.replace('"edge_count",', ''), /meta has no node field "edge_count"/);
  // An edge's type takes four bits of its target word: more types than that are refused, not misread.
  const moreTypes = Array.from({ length: 16 }, (_, i) => `"extra${i}",`).join('');
  rejects(good.replace('"edge_types":[[', `"edge_types":[[${moreTypes}`), /lists \d+ edge types: LeakLens reads at most 16/);
  rejects(good.replace(/("edges":\[)\d+/, '$116'), /type 16 in "edges" is not one of the meta's types/);
});
