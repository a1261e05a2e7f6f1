// Bench target: a process whose heap, written twice with v8.writeHeapSnapshot, makes a pair of snapshots of
// about SIZE_MB each. Between the two: a seeded closure leak (a middleware factory's captured `logs` grows,
// the same array in both) and churn (a module-level `cache` replaced by a bigger, fresh array) that moves
// more bytes than the leak, so a comparison must rank growth-in-place above replacement.
// Two shapes of clutter:
// - `objects`: small objects ({ i, name }), ~175 bytes of snapshot each: the most nodes and edges per MB;
// - `payloads`: each clutter object also keeps a ~600-character body (a request body, a rendered page, a
//   log line, as servers keep), ~800 bytes each. V8's snapshot writer needs ~12× the file in memory for
//   small objects, so a ~2.5 GB pair can be written on a 24 GB machine only with this shape.
// Usage: node snapshotTarget.js OUT_DIR SIZE_MB [objects|payloads]  (files: pair-SIZE[-payloads]-{a,b}.heapsnapshot)
const v8 = require('node:v8');
const { join } = require('node:path');

const [outDir, sizeArg, shape = 'objects'] = process.argv.slice(2);
const sizeMb = Number(sizeArg);
const BODY_CHARS = 600;
// Bytes of snapshot per clutter item, measured on Node 20.
const bytesPerItem = shape === 'payloads' ? 175 + BODY_CHARS + 40 : 175;
const items = Math.round((sizeMb * 1e6) / bytesPerItem);

// A distinct, flat (sequential) string: V8 writes a flat string's characters into the snapshot, where a
// concatenation would only be a node pointing at its parts.
const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(BODY_CHARS / 27));
const body = (i) => Buffer.from(`${i} ${filler}`.slice(0, BODY_CHARS), 'latin1').toString('latin1');
const clutter = shape === 'payloads' ? (i) => ({ i, name: `item ${i}`, body: body(i) }) : (i) => ({ i, name: `item ${i}` });

function requestLogger() {
  const logs = [];
  return function logRequest(req) {
    logs.push({ url: req.url, at: req.at, agent: `agent ${req.at}` });
  };
}
globalThis.logRequest = requestLogger();
globalThis.ballast = Array.from({ length: items }, (_, i) => clutter(i));
let cache = Array.from({ length: Math.round(items / 20) }, (_, i) => ({ i, name: `cached ${i}` }));
globalThis.readCache = () => cache;

const name = (half) => join(outDir, `pair-${sizeMb}${shape === 'payloads' ? '-payloads' : ''}-${half}.heapsnapshot`);
const leakPerRound = Math.round(items / 40);
for (let i = 0; i < leakPerRound; i++) globalThis.logRequest({ url: `/r/${i}`, at: i });
v8.writeHeapSnapshot(name('a'));
for (let i = 0; i < leakPerRound; i++) globalThis.logRequest({ url: `/r/${i}`, at: leakPerRound + i });
cache = Array.from({ length: Math.round(items / 10) }, (_, i) => ({ i, name: `cached again ${i}` }));
v8.writeHeapSnapshot(name('b'));
console.log(JSON.stringify({ items, leaked: leakPerRound }));
