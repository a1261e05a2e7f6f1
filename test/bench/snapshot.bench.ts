// `npm run bench:snapshot`: LeakLens's snapshot parse + summary and compare, beside @vscode/v8-heap-parser,
// memlab and plain JSON.parse, on snapshot pairs made here by a test program (test/bench/snapshotTarget.js).
// Every tool runs in its own process under /usr/bin/time: wall time, CPU time (user + system: steadier on a
// shared machine) and peak RSS of the whole process. leaklens-summary and leaklens-compare run as the editor
// and `leaklens compare` do (in a worker thread); node-idle is Node's own floor (a process that loads the same
// bundle and does nothing).
// leaklens-compare-sequential, -staggered and -parallel force a schedule of its two workers (runWorker.ts's
// CompareSchedule); leaklens-compare chooses; leaklens-compare-cli runs the built `leaklens compare` (needs
// `npm run build`), which compares small pairs in a tuned child process (src/cli/tunedProcess.ts).
// Each LeakLens tool also prints its wall and CPU ratio against memlab-find-leaks when both ran on a pair.
// Options: --sizes 50,300 (MB per snapshot)  --runs 3 (median of)  --tools a,b,…
//          --shape objects|references (snapshotTarget.js's clutter: small objects, or edge-heavy)
// Bench-only tools install into test/bench/.deps (gitignored), memlab without its browser download.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = __dirname;
const corpus = join(here, 'corpus', 'snapshots');
const deps = join(here, '.deps');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const sizes = arg('sizes', '50,300').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const shape = arg('shape', 'objects');
const tools = arg(
  'tools',
  'node-idle,leaklens-summary,v8-heap-parser,memlab-parse,json-parse,leaklens-compare,leaklens-compare-parallel,memlab-find-leaks',
).split(',');

function ensureDeps(): boolean {
  if (existsSync(join(deps, 'node_modules', 'memlab')) && existsSync(join(deps, 'node_modules', '@vscode', 'v8-heap-parser'))) return true;
  mkdirSync(deps, { recursive: true });
  writeFileSync(join(deps, 'package.json'), JSON.stringify({ name: 'leaklens-bench-deps', private: true }, null, 2));
  console.log('installing bench tools into test/bench/.deps …');
  const r = spawnSync('npm', ['i', '-E', '--no-audit', '--no-fund', '@vscode/v8-heap-parser@0.1.0', 'memlab@2.0.5'], {
    cwd: deps,
    stdio: 'inherit',
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  return r.status === 0;
}

async function bundleChild(): Promise<string> {
  const out = join(corpus, 'bin');
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', logLevel: 'warning' as const };
  await build({ ...common, entryPoints: [join(here, 'snapshotChild.ts')], outfile: join(out, 'snapshot-child.js') });
  await build({ ...common, entryPoints: [join(here, '../../src/heap/snapshot/worker.ts')], outfile: join(out, 'snapshot-worker.js') });
  return join(out, 'snapshot-child.js');
}

function makePair(sizeMb: number): [string, string] {
  const stem = join(corpus, `pair-${sizeMb}${shape === 'objects' ? '' : `-${shape}`}`);
  const a = `${stem}-a.heapsnapshot`;
  const b = `${stem}-b.heapsnapshot`;
  if (!existsSync(a) || !existsSync(b)) {
    console.log(`making a ~${sizeMb} MB snapshot pair (${shape}) …`);
    execFileSync(process.execPath, ['--max-old-space-size=20000', join(here, 'snapshotTarget.js'), corpus, String(sizeMb), shape], {
      stdio: 'inherit',
    });
  }
  return [a, b];
}

interface Measure {
  seconds: number;
  /** user + system CPU seconds: steadier than wall time on a shared machine. */
  cpu: number;
  rssBytes: number;
  detail: string;
}

function measure(tool: string, child: string, files: string[]): Measure {
  const command =
    tool === 'memlab-find-leaks'
      ? [
          'node',
          '--expose-gc',
          '--max-old-space-size=16384',
          join(deps, 'node_modules/memlab/bin/memlab'),
          'find-leaks',
          '--baseline',
          files[0]!,
          '--target',
          files[1]!,
          '--final',
          files[1]!,
          '--work-dir',
          join(corpus, 'memlab-work'),
        ]
      : ['node', '--max-old-space-size=16384', child, tool, deps, ...files];
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', ...command], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  if (!m) return { seconds: NaN, cpu: NaN, rssBytes: NaN, detail: `failed: ${r.stderr.slice(-300)}` };
  let detail = '';
  if (tool === 'memlab-find-leaks') detail = r.status === 0 ? 'ok' : `exit ${r.status}`;
  else {
    const line = r.stdout.trim().split('\n').pop() ?? '';
    try {
      const j = JSON.parse(line);
      detail = j.ok ? JSON.stringify(j.result) : `failed: ${j.error}`;
    } catch {
      detail = `failed: ${r.stderr.slice(-300)}`;
    }
  }
  return { seconds: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssBytes: Number(m[4]) * 1024, detail };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  mkdirSync(corpus, { recursive: true });
  const haveDeps = ensureDeps();
  const child = await bundleChild();
  console.log(`node ${process.version}, ${runs} run(s) each, median shown; RSS = peak of the whole process\n`);
  for (const size of sizes) {
    const [a, b] = makePair(size);
    const mb = (f: string) => statSync(f).size / 1e6;
    console.log(`pair ~${size} MB (${shape}): a ${mb(a).toFixed(0)} MB, b ${mb(b).toFixed(0)} MB (summaries read b)`);
    const medians = new Map<string, { secs: number; cpu: number }>();
    for (const tool of tools) {
      if (!haveDeps && (tool.startsWith('memlab') || tool === 'v8-heap-parser')) continue;
      const files = tool.includes('compare') || tool.endsWith('find-leaks') ? [a, b] : [b];
      const results = Array.from({ length: runs }, () => measure(tool, child, files));
      const ok = results.filter((r) => Number.isFinite(r.seconds) && !r.detail.startsWith('failed'));
      if (ok.length === 0) {
        console.log(`  ${tool.padEnd(18)} ${results[0]!.detail}`);
        continue;
      }
      const secs = median(ok.map((r) => r.seconds));
      const cpu = median(ok.map((r) => r.cpu));
      const rss = median(ok.map((r) => r.rssBytes));
      medians.set(tool, { secs, cpu });
      console.log(
        `  ${tool.padEnd(18)} ${secs.toFixed(1).padStart(6)} s wall ${cpu.toFixed(1).padStart(6)} s cpu ${(rss / 1e6).toFixed(0).padStart(6)} MB peak RSS (${(rss / 1e6 / mb(b)).toFixed(1)}× b)  ${ok[0]!.detail}`,
      );
    }
    const memlab = medians.get('memlab-find-leaks');
    for (const [tool, m] of medians) {
      if (!memlab || !tool.startsWith('leaklens-compare')) continue;
      console.log(
        `  ${tool} vs memlab-find-leaks: ${(memlab.secs / m.secs).toFixed(1)}× faster wall, ${(memlab.cpu / m.cpu).toFixed(1)}× CPU`,
      );
    }
    console.log('');
  }
}

void main();
