// Editor-side lint figures (printed, not asserted): Scan Workspace throughput through the bundled worker
// with the extension-host thread's event-loop delay meanwhile, and re-lint latency of an open document:
// the live path (its incremental tree into the project index of its package, the files it affects, its
// findings; target p95 ≤ 15 ms) against the bare parse of the same text measured in the same run, and
// through the worker, which is what WORKER_THRESHOLD_CHARS trades between.
// Usage: npm run bench:editor [-- <max files, default 3000>]
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { join } from 'node:path';
import ts from 'typescript';
import { IncrementalLinter } from '../../src/analysis/incremental';
import { lintText } from '../../src/analysis/index';
import { listProjectFiles, ProjectAnalysis } from '../../src/analysis/project';
import { readSource } from '../../src/analysis/lintFile';
import { scriptKindOf } from '../../src/analysis/parse';
import { LintWorker } from '../../src/extension/lint/lintWorker';
import { corpusModules, ensureCorpus, loadCorpus, type CorpusFile } from './corpus';

const script = join(__dirname, '..', '..', 'dist', 'scan-worker.js');
/** Edits per measure: enough that p95 is not one unlucky sample on a shared machine. */
const RUNS = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Timing {
  p50: number;
  p95: number;
  /** CPU time of the process (all its threads) over the same runs: what a loaded machine's scheduling adds to wall time is not in it. */
  cpu50: number;
  cpu95: number;
}

const show = (t: Timing) =>
  `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms wall; cpu p50 ${t.cpu50.toFixed(1)} ms, p95 ${t.cpu95.toFixed(1)} ms`;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** `fn` gets the run's version of the text: each run types one more line into the previous version. */
async function timed(runs: number, text: string, fn: (text: string) => unknown): Promise<Timing> {
  const times: number[] = [];
  const cpu: number[] = [];
  await fn(text);
  for (let i = 0; i < runs; i++) {
    const at = text.lastIndexOf('\n', Math.floor((((i * 7) % runs) / runs) * text.length)) + 1;
    text = text.slice(0, at) + `// edit ${i}\n` + text.slice(at);
    const start = performance.now();
    const startCpu = cpuMs();
    await fn(text);
    cpu.push(cpuMs() - startCpu);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpu50: percentile(cpu, 50), cpu95: percentile(cpu, 95) };
}

/** The editor's project index over a package's files, as LiveLinter builds it. */
function projectOf(root: string): ProjectAnalysis {
  const project = new ProjectAnalysis(root);
  for (const path of listProjectFiles(root)) {
    const read = readSource(path);
    if ('text' in read) {
      project.set(path, read.text);
      project.release(path);
    }
  }
  for (const path of project.files()) project.lint(path);
  return project;
}

/** The project the re-lint figures are taken in: a real multi-module package (the others are mostly bundles). */
const PROJECT = join(corpusModules, 'webpack');

/** The corpus file whose line count is closest to `lines`. */
function closest(files: CorpusFile[], lines: number): CorpusFile {
  const count = (f: CorpusFile) => f.text.split('\n').length;
  return files.reduce((best, f) => (Math.abs(count(f) - lines) < Math.abs(count(best) - lines) ? f : best));
}

async function main(): Promise<void> {
  const maxFiles = Number(process.argv[2] ?? 3000);
  ensureCorpus();
  const corpus = loadCorpus(2 * 1024 * 1024);
  const files = corpus.slice(0, maxFiles);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);

  const worker = new LintWorker(script);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let findings = 0;
  const start = performance.now();
  await worker.lintFiles(
    files.map((f) => f.file),
    {},
    {
      onResult: (r) => {
        findings += r.findings.length;
      },
      onFailed: () => {},
    },
    60_000,
    corpusModules,
  );
  const seconds = (performance.now() - start) / 1000;
  delay.disable();
  console.log(
    `Scan Workspace worker (one project, cross-module): ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s = ${(files.length / seconds).toFixed(0)} files/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${findings} findings`,
  );
  console.log(
    `  extension-host thread meanwhile: event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
  );

  const project = projectOf(PROJECT);
  const inProject = corpus.filter((f) => f.file.startsWith(`${PROJECT}/lib/`));
  for (const lines of [1000, 5000]) {
    const doc = closest(inProject, lines);
    const n = doc.text.split('\n').length;
    console.log(
      `re-lint ${n} lines / ${(doc.text.length / 1024).toFixed(0)} KiB (${doc.file.split('node_modules/')[1]}, in a project index of ${project.files().length} files):`,
    );
    const parse = await timed(RUNS, doc.text, (text) =>
      ts.createSourceFile(doc.file, text, ts.ScriptTarget.Latest, false, scriptKindOf(doc.file)),
    );
    console.log(`  bare parse, from scratch: ${show(parse)}`);
    // LiveLinter.lintInProject: the updated tree into the index, the files it affects, then its findings.
    const trees = new IncrementalLinter();
    const live = await timed(RUNS, doc.text, (text) => {
      project.update(doc.file, trees.parse(doc.file, doc.file, text)!);
      return project.lint(doc.file);
    });
    console.log(
      `  live path (in-process, project index): ${show(live)}   = ${(live.p95 / parse.p95).toFixed(2)}× the bare parse at p95 wall, ${(live.cpu95 / parse.cpu95).toFixed(2)}× cpu (target p95 ≤ 15 ms)`,
    );
    const documents = new IncrementalLinter();
    console.log(
      `  in-process, incremental, alone: ${show(await timed(RUNS, doc.text, (text) => documents.lint(doc.file, doc.file, text)))}`,
    );
    console.log(
      `  worker round trip, incremental, project of the worker (big documents): ${show(await timed(RUNS, doc.text, (text) => worker.lintText(doc.file, doc.file, text, {}, 60_000, PROJECT)))}`,
    );
    console.log(`  in-process, from scratch: ${show(await timed(RUNS, doc.text, (text) => lintText(doc.file, text)))}`);
  }
  const big = corpus.reduce((a, f) => (f.text.length > a.text.length ? f : a));
  console.log(
    `largest corpus file under 2 MB, ${(big.text.length / 1024).toFixed(0)} KiB (documents above WORKER_THRESHOLD_CHARS in liveLint.ts go to the worker): in-process from scratch ${show(await timed(5, big.text, (text) => lintText(big.file, text)))}`,
  );
  worker.stop();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
