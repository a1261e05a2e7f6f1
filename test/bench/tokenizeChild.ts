// One process of `npm run bench:tokenize` (bundled by tokenize.bench.ts, so no tsx in the figures): runs one
// operation on one file `repeats` times and prints, per run, a JSON line of its CPU and wall seconds. The first
// run is the one a `leaklens compare` worker pays (a fresh isolate: cold JIT, fresh memory); the later ones
// show the warmed-up loop.
// Usage: node tokenize-child.js read|json-parse|tokenizer FILE REPEATS
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { parseSnapshotFile } from '../../src/heap/snapshot/tokenizer';

/** parseSnapshotFile's own read loop with the tokenising left out: the page cache's speed. */
function readOnly(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

const operations: Record<string, (file: string) => unknown> = {
  read: readOnly,
  'json-parse': (file) => JSON.parse(readFileSync(file, 'utf8')),
  tokenizer: (file) => parseSnapshotFile(file),
};

const [operation, file, repeats] = process.argv.slice(2);
const run = operations[operation!];
if (!run || !file) throw new Error('usage: tokenize-child.js read|json-parse|tokenizer FILE REPEATS');
for (let r = 0; r < Number(repeats ?? 1); r++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run(file);
  const wall = (performance.now() - t0) / 1e3;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ cpu: (cpu.user + cpu.system) / 1e6, wall }));
}
