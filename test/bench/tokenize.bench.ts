// `npm run bench:tokenize`: the snapshot tokenizer alone (parseSnapshotFile: reading + tokenising into the
// graph's typed arrays), beside what bounds it, measured in the same run on the same file: `read`, the file
// read in the tokenizer's chunks with nothing done to them (the page cache's speed, the floor), and
// `json-parse`, V8's own JSON.parse of the whole file (skipped above V8's longest string, 2^29 characters).
// Figures are MB of the file per second of CPU time (user + system of the process: steadier than wall time on
// a shared machine) and of wall time. `first` is the first run in a fresh process, the one a `leaklens
// compare` worker pays (cold JIT, fresh memory): the median over --runs processes; `warm` is the best of the
// later runs of each process.
// Options: --sizes 50,1000 (the bench pairs of bench:snapshot; the second, larger file of each)  --runs 5
//          --repeats 3 (runs per process)
// The 1 GB pair needs ~2 GB of memory: run it under `nice -n 10 flock /tmp/leaklens-heavy.lock`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = __dirname;
const corpus = join(here, 'corpus', 'snapshots');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const sizes = arg('sizes', '50').split(',');
const runs = Number(arg('runs', '5'));
const repeats = Number(arg('repeats', '3'));
/** V8's longest string: JSON.parse cannot read a longer file. */
const MAX_STRING = 2 ** 29 - 24;

interface Run {
  cpu: number;
  wall: number;
}
/** MB/s of CPU and of wall time. */
interface Speed {
  cpu: number;
  wall: number;
}

async function bundleChild(): Promise<string> {
  const outfile = join(corpus, 'bin', 'tokenize-child.js');
  await build({
    entryPoints: [join(here, 'tokenizeChild.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

function runChild(child: string, operation: string, file: string): Run[] {
  const r = spawnSync(process.execPath, ['--max-old-space-size=16384', child, operation, file, String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${operation} on ${file} failed: ${r.stderr.slice(-500)}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Run);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const speed = (bytes: number, cpu: number, wall: number): Speed => ({ cpu: bytes / 1e6 / cpu, wall: bytes / 1e6 / wall });

function measure(child: string, operation: string, file: string, bytes: number): { first: Speed; warm: Speed } {
  const processes = Array.from({ length: runs }, () => runChild(child, operation, file));
  const firsts = processes.map((p) => p[0]!);
  const later = processes.flatMap((p) => p.slice(1));
  return {
    first: speed(bytes, median(firsts.map((r) => r.cpu)), median(firsts.map((r) => r.wall))),
    warm:
      later.length > 0
        ? speed(bytes, Math.min(...later.map((r) => r.cpu)), Math.min(...later.map((r) => r.wall)))
        : { cpu: NaN, wall: NaN },
  };
}

const mbs = (s: Speed) => `${s.cpu.toFixed(0).padStart(5)} cpu ${s.wall.toFixed(0).padStart(5)} wall`;
const ratio = (s: Speed, base: Speed | undefined) => (base ? `${(s.cpu / base.cpu).toFixed(2)}×` : '   -');

async function main(): Promise<void> {
  const child = await bundleChild();
  console.log(`node ${process.version}; MB/s of the file; first run: median of ${runs} processes; warm: best of the rest`);
  for (const size of sizes) {
    const file = join(corpus, `pair-${size}-b.heapsnapshot`);
    if (!existsSync(file)) {
      console.log(`pair-${size}: no ${file} (npm run bench:snapshot -- --sizes ${size} makes it)`);
      continue;
    }
    const bytes = statSync(file).size;
    const read = measure(child, 'read', file, bytes);
    const json = bytes < MAX_STRING ? measure(child, 'json-parse', file, bytes) : undefined;
    const tokenizer = measure(child, 'tokenizer', file, bytes);
    console.log(
      `pair-${size}-b (${(bytes / 1e6).toFixed(0)} MB)      first run (MB/s)    warm (MB/s)        CPU, first: × JSON.parse  × read`,
    );
    const row = (name: string, s: { first: Speed; warm: Speed }) =>
      console.log(
        `  ${name.padEnd(11)} ${mbs(s.first)}   ${mbs(s.warm)}   ${ratio(s.first, json?.first).padStart(8)}  ${ratio(s.first, read.first)}`,
      );
    row('read', read);
    if (json) row('json-parse', json);
    else console.log('  json-parse  (the file is longer than V8 can hold in one string)');
    row('tokenizer', tokenizer);
  }
}

void main();
