// Bench target: a process whose heap, written twice with v8.writeHeapSnapshot, makes a pair of snapshots of
// about SIZE_MB each. Between the two: a seeded closure leak (a middleware factory's captured `logs` grows,
// the same array in both) and churn (a module-level `cache` replaced by a bigger, fresh array) that moves
// more bytes than the leak, so a comparison must rank growth-in-place above replacement.
// Two shapes of clutter:
// - `objects`: small objects ({ i, name }), ~175 bytes of snapshot each: the most nodes and edges per MB;
// - `references`: each clutter object also keeps a list of 32 references into a shared pool of 1,000 objects
//   (tags, an index), ~1.2 kB of snapshot each, mostly edges.
// V8's snapshot writer needs ~10× the file in memory for `objects` (21.4 GB for the 2.3/2.5 GB pair of SIZE_MB
// 2000, which larger ids make bigger than asked: on a 24 GB machine, add swap) and ~4× for `references`
// (10 GB for a 2.5/2.6 GB pair). A shape of long strings writes cheaper still, but memlab cannot read a
// snapshot whose strings pass V8's 512 MB string limit: it joins them into one string.
// The bench's `makePair` gives the writer 20 GB of JS heap; its native memory is what needs the rest.
// Usage: node snapshotTarget.js OUT_DIR SIZE_MB [objects|references]  (files: pair-SIZE[-references]-{a,b}.heapsnapshot)
const v8 = require('node:v8');
const { join } = require('node:path');

const [outDir, sizeArg, shape = 'objects'] = process.argv.slice(2);
const sizeMb = Number(sizeArg);
const REFERENCES = 32;
// Bytes of snapshot per clutter item, measured on Node 20.
const bytesPerItem = shape === 'references' ? 262 + 30.5 * REFERENCES : 175;
const items = Math.round((sizeMb * 1e6) / bytesPerItem);

const pool = Array.from({ length: 1000 }, (_, i) => ({ tag: i }));
const tags = (i) => Array.from({ length: REFERENCES }, (_, j) => pool[(i * 7 + j * 13) % pool.length]);
const clutter = shape === 'references' ? (i) => ({ i, name: `item ${i}`, tags: tags(i) }) : (i) => ({ i, name: `item ${i}` });

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

const name = (half) => join(outDir, `pair-${sizeMb}${shape === 'objects' ? '' : `-${shape}`}-${half}.heapsnapshot`);
const leakPerRound = Math.round(items / 40);
for (let i = 0; i < leakPerRound; i++) globalThis.logRequest({ url: `/r/${i}`, at: i });
v8.writeHeapSnapshot(name('a'));
for (let i = 0; i < leakPerRound; i++) globalThis.logRequest({ url: `/r/${i}`, at: leakPerRound + i });
cache = Array.from({ length: Math.round(items / 10) }, (_, i) => ({ i, name: `cached again ${i}` }));
v8.writeHeapSnapshot(name('b'));
console.log(JSON.stringify({ items, leaked: leakPerRound }));
