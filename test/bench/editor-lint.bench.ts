// Editor-side lint figures (printed, not asserted): Scan Workspace throughput through the bundled worker
// with the extension-host thread's event-loop delay meanwhile, and re-lint latency of an open document
// in-process and through the worker, which is what WORKER_THRESHOLD_CHARS trades between.
// Usage: npm run bench:editor [-- <max files, default 3000>]
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { IncrementalLinter } from '../../src/analysis/incremental';
import { lintText } from '../../src/analysis/index';
import { LintWorker } from '../../src/extension/lint/lintWorker';
import { ensureCorpus, loadCorpus, type CorpusFile } from './corpus';

const script = join(__dirname, '..', '..', 'dist', 'scan-worker.js');
const RUNS = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `fn` gets the run's version of the text: each run types one more line into the previous version. */
async function timed(runs: number, text: string, fn: (text: string) => unknown): Promise<string> {
  const times: number[] = [];
  await fn(text);
  for (let i = 0; i < runs; i++) {
    const at = text.lastIndexOf('\n', Math.floor((((i * 7) % runs) / runs) * text.length)) + 1;
    text = text.slice(0, at) + `// edit ${i}\n` + text.slice(at);
    const start = performance.now();
    await fn(text);
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
  );
  const seconds = (performance.now() - start) / 1000;
  delay.disable();
  console.log(
    `Scan Workspace worker: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s = ${(files.length / seconds).toFixed(0)} files/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, ${findings} findings`,
  );
  console.log(
    `  extension-host thread meanwhile: event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
  );

  for (const lines of [1000, 5000]) {
    const doc = closest(corpus, lines);
    const n = doc.text.split('\n').length;
    console.log(`re-lint ${n} lines / ${(doc.text.length / 1024).toFixed(0)} KiB (${doc.file.split('node_modules/')[1]}):`);
    const documents = new IncrementalLinter();
    console.log(`  in-process, incremental: ${await timed(RUNS, doc.text, (text) => documents.lint(doc.file, doc.file, text))}`);
    console.log(
      `  worker round trip, incremental: ${await timed(RUNS, doc.text, (text) => worker.lintText(doc.file, doc.file, text, {}, 60_000))}`,
    );
    console.log(`  in-process, from scratch: ${await timed(RUNS, doc.text, (text) => lintText(doc.file, text))}`);
  }
  const big = corpus.reduce((a, f) => (f.text.length > a.text.length ? f : a));
  console.log(
    `largest corpus file under 2 MB, ${(big.text.length / 1024).toFixed(0)} KiB (documents above WORKER_THRESHOLD_CHARS in liveLint.ts go to the worker): in-process from scratch ${await timed(5, big.text, (text) => lintText(big.file, text))}`,
  );
  worker.stop();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
