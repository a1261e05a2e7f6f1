// Runs snapshot analysis in a worker thread: the caller's thread (the extension host, the CLI) stays
// responsive and its memory does not grow with the snapshot; cancelling terminates the worker. The CLI uses
// it for big pairs; a small pair it compares on its own thread (compareInThread.ts), in a process started
// with a small young generation and gc() (cli/tunedProcess.ts) — without those, its own thread measured
// more memory than a worker, whose resource limits set its young generation.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompareOptions, SnapshotComparison } from './diff';
import { fileSize } from './fileSize';
import { hostAvailableMemory } from './guard';
import { idSetBuffers } from './idSet';
import type { SnapshotSummary } from './summary';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

export interface WorkerRunOptions {
  onProgress?: (message: string, fraction: number) => void;
  signal?: AbortSignal;
  /** Caps the worker's JS heap (MB): a clear error instead of exhausting the machine. */
  maxHeapMb?: number;
  /** How a comparison uses its two workers; default: see compareSchedule. */
  schedule?: CompareSchedule;
}

/**
 * A comparison runs on two workers, one per file: the first reduces its file to a baseline, the second
 * reads its file, analyses it and compares it with that baseline.
 * - `sequential`: the second starts when the first has ended (one analysed graph in memory at a time);
 * - `staggered`: the second reads its file meanwhile, and analyses it once the baseline is in (one analysed
 *   graph and the second's arrays);
 * - `parallel`: both read and analyse at once (two analysed graphs).
 */
export type CompareSchedule = 'sequential' | 'staggered' | 'parallel';

export class SnapshotAnalysisError extends Error {
  override name = 'SnapshotAnalysisError';
}

export class SnapshotCancelledError extends Error {
  override name = 'SnapshotCancelledError';
}

// The analysis allocates few short-lived JS objects (its data is in typed arrays): a small young generation
// saves several MB of peak memory at no measured cost in time.
const YOUNG_GENERATION_MB = 3;

/** The bundle ships the worker as dist/snapshot-worker.js; from sources (tests, tsx) it is worker.ts. */
function startWorker(maxHeapMb: number | undefined): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...(maxHeapMb ? { maxOldGenerationSizeMb: maxHeapMb } : {}) };
  const bundled = join(__dirname, 'snapshot-worker.js');
  if (!__filename.endsWith('.ts') && existsSync(bundled)) return new Worker(bundled, { resourceLimits });
  const source = join(__dirname, 'worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, resourceLimits });
}

function runJob(request: WorkerRequest, options: WorkerRunOptions, onStarted?: (worker: Worker) => void): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new SnapshotCancelledError('Cancelled.'));
    const worker = startWorker(options.maxHeapMb);
    let settled = false;
    // Settles once the worker has exited and its memory is freed, so that what the caller starts next (the
    // comparison's second worker, the linter) does not stack on the first one's graph.
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate().then(fn, fn);
    };
    const onAbort = (): void => finish(() => reject(new SnapshotCancelledError('Cancelled.')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'progress') options.onProgress?.(reply.message, reply.fraction);
      else if (reply.kind === 'error') finish(() => reject(new SnapshotAnalysisError(reply.message)));
      else finish(() => resolve(reply));
    });
    worker.on('error', (error) => {
      const oom = /heap out of memory|ERR_WORKER_OUT_OF_MEMORY/.test(`${(error as NodeJS.ErrnoException).code} ${error.message}`);
      finish(() =>
        reject(
          new SnapshotAnalysisError(
            oom ? 'The snapshot is too large for the memory allowed to the analysis.' : `The snapshot analysis failed: ${error.message}`,
          ),
        ),
      );
    });
    worker.on('exit', (code) =>
      finish(() => reject(new SnapshotAnalysisError(`The snapshot analysis stopped unexpectedly (exit code ${code}).`))),
    );
    worker.postMessage(request);
    onStarted?.(worker);
  });
}

export async function summarizeSnapshotFile(file: string, options: WorkerRunOptions = {}): Promise<SnapshotSummary> {
  const reply = await runJob({ kind: 'summary', file }, options);
  if (reply.kind !== 'summary') throw new SnapshotAnalysisError('The snapshot worker gave no summary.');
  return reply.summary;
}

/** Below this size a file is read in about a second: overlapping the two workers would save little. */
const OVERLAP_MIN_BYTES = 256 * 1024 * 1024;
/**
 * A staggered comparison's peak RSS is about 1.4× the larger file (bench:snapshot: the 1.1/1.2 GB objects
 * pair; 1.2× on the 2.5/2.6 GB references pair; one analysed graph and the second's arrays); the host must
 * have that with room left for the rest of it.
 */
const STAGGERED_MEMORY_PER_FILE_BYTE = 2;

export interface HostState {
  availableBytes: number;
  /** Cores not used by anything else: the core count less the 1-minute load average. */
  idleCores: number;
}

/**
 * The default schedule: staggered for big files when a core is idle and the memory is there, sequential
 * otherwise. On a busy machine a second worker only shares the busy cores (bench:snapshot at load 12 on two
 * cores: staggered and parallel no faster than sequential, with 1.5× and 1.7× its memory). Parallel is never
 * the default: it keeps two analysed graphs for a small gain over staggered (the second file's analysis).
 */
export function compareSchedule(beforeBytes: number, afterBytes: number, host: HostState): CompareSchedule {
  return Math.min(beforeBytes, afterBytes) >= OVERLAP_MIN_BYTES &&
    host.idleCores >= 1 &&
    host.availableBytes >= STAGGERED_MEMORY_PER_FILE_BYTE * Math.max(beforeBytes, afterBytes)
    ? 'staggered'
    : 'sequential';
}

function hostState(): HostState {
  return { availableBytes: hostAvailableMemory(), idleCores: availableParallelism() - loadavg()[0]! };
}

/**
 * The two jobs of a comparison on their workers, scheduled as `schedule` says. Sequentially, the second
 * worker starts once the first has ended: terminating a worker frees its graph at once, where inside one
 * worker the first graph's arrays lingered as garbage while the second was read (peak RSS of the CLI on the
 * 60 MB bench pair: 143 MB in one worker, 127 MB on two in turn).
 */
async function compareOnTwoWorkers(
  before: string,
  after: string,
  compare: CompareOptions,
  options: WorkerRunOptions,
  schedule: CompareSchedule,
): Promise<WorkerReply> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const fractions = [0, 0];
  const progress = (i: number) => (message: string, fraction: number) => {
    fractions[i] = fraction;
    options.onProgress?.(message, (fractions[0]! + fractions[1]!) / 2);
  };
  let second: Worker | undefined;
  const startSecond = () => {
    const job = runJob(
      { kind: 'compare-with-baseline', file: after, options: compare, analyseAfterBaseline: schedule !== 'parallel' },
      { ...options, signal, onProgress: progress(1) },
      (w) => (second = w),
    );
    job.catch(() => {}); // awaited below, or abandoned when the first fails
    return job;
  };
  let comparison = schedule === 'sequential' ? undefined : startSecond();
  try {
    const first = await runJob({ kind: 'baseline', file: before }, { ...options, signal, onProgress: progress(0) });
    if (first.kind !== 'baseline') throw new SnapshotAnalysisError('The snapshot worker gave no baseline.');
    comparison ??= startSecond();
    second!.postMessage(first, [first.serialized.buffer as ArrayBuffer, ...idSetBuffers(first.ids)]);
    return await comparison;
  } catch (error) {
    stop.abort();
    throw error;
  }
}

export async function compareSnapshotFiles(
  before: string,
  after: string,
  compare: CompareOptions = {},
  options: WorkerRunOptions = {},
): Promise<SnapshotComparison> {
  const schedule = options.schedule ?? compareSchedule(fileSize(before), fileSize(after), hostState());
  const reply = await compareOnTwoWorkers(before, after, compare, options, schedule);
  if (reply.kind !== 'comparison') throw new SnapshotAnalysisError('The snapshot worker gave no comparison.');
  return reply.comparison;
}
