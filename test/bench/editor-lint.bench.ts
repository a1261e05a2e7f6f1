// Editor-side lint figures (printed, not asserted): Scan Workspace throughput through the bundled worker
// with the extension-host thread's event-loop delay meanwhile, and re-lint latency of an open document
// in-process and through the worker, which is what WORKER_THRESHOLD_CHARS trades between.
// Usage: npm run bench:editor [-- <max files, default 3000>]
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { lintText } from '../../src/analysis/index';
import { LintWorker } from '../../src/extension/lint/lintWorker';
import { ensureCorpus, loadCorpus, type CorpusFile } from './corpus';

const script = join(__dirname, '..', '..', 'dist', 'scan-worker.js');
const RUNS = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(runs: number, fn: () => unknown): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`;
}

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
  await worker.lintFiles(files.map((f) => f.file), {}, { onResult: (r) => { findings += r.findings.length; }, onFailed: () => {} }, 60_000);
  const seconds = (performance.now() - start) / 1000;
  delay.disable();
  console.log(`Scan Workspace worker: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s = ${(files.length / seconds).toFixed(0)} files/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${findings} findings`);
  console.log(`  extension-host thread meanwhile: event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);

  for (const lines of [1000, 5000]) {
    const doc = closest(corpus, lines);
    const n = doc.text.split('\n').length;
    console.log(`re-lint ${n} lines / ${(doc.text.length / 1024).toFixed(0)} KiB (${doc.file.split('node_modules/')[1]}):`);
    console.log(`  in-process: ${await timed(RUNS, () => lintText(doc.file, doc.text))}`);
    console.log(`  worker round trip: ${await timed(RUNS, () => worker.lintText(doc.file, doc.text, {}, 60_000))}`);
  }
  const big = corpus.reduce((a, f) => (f.text.length > a.text.length ? f : a));
  console.log(`largest corpus file under 2 MB, ${(big.text.length / 1024).toFixed(0)} KiB (documents above WORKER_THRESHOLD_CHARS in liveLint.ts go to the worker): in-process ${await timed(5, () => lintText(big.file, big.text))}`);
  worker.stop();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
