// Bench target: a process whose heap, written twice with v8.writeHeapSnapshot, makes a pair of snapshots of
// about SIZE_MB each. Between the two: a seeded closure leak (a middleware factory's captured `logs` grows,
// the same array in both) and churn (a module-level `cache` replaced by a bigger, fresh array) that moves
// more bytes than the leak, so a comparison must rank growth-in-place above replacement.
// Usage: node snapshotTarget.js OUT_DIR SIZE_MB
const v8 = require('node:v8');
const { join } = require('node:path');

const [outDir, sizeArg] = process.argv.slice(2);
const sizeMb = Number(sizeArg);
// ~175 bytes of snapshot per ballast item ({ i, name } + its string), measured on Node 20.
const items = Math.round((sizeMb * 1e6) / 175);

function requestLogger() {
  const logs = [];
  return function logRequest(req) {
    logs.push({ url: req.url, at: req.at, agent: `agent ${req.at}` });
  };
}
globalThis.logRequest = requestLogger();
globalThis.ballast = Array.from({ length: items }, (_, i) => ({ i, name: `item ${i}` }));
let cache = Array.from({ length: Math.round(items / 20) }, (_, i) => ({ i, name: `cached ${i}` }));
globalThis.readCache = () => cache;

const leakPerRound = Math.round(items / 40);
for (let i = 0; i < leakPerRound; i++) globalThis.logRequest({ url: `/r/${i}`, at: i });
v8.writeHeapSnapshot(join(outDir, `pair-${sizeMb}-a.heapsnapshot`));
for (let i = 0; i < leakPerRound; i++) globalThis.logRequest({ url: `/r/${i}`, at: leakPerRound + i });
cache = Array.from({ length: Math.round(items / 10) }, (_, i) => ({ i, name: `cached again ${i}` }));
v8.writeHeapSnapshot(join(outDir, `pair-${sizeMb}-b.heapsnapshot`));
console.log(JSON.stringify({ items, leaked: leakPerRound }));
