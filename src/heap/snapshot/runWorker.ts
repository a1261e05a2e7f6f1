// Runs snapshot analysis in a worker thread: the caller's thread (the extension host, the CLI) stays
// responsive and its memory does not grow with the snapshot; cancelling terminates the worker. The CLI uses
// it too: in its own thread the analysis measured more memory (Node's default young generation, which only
// a worker's resource limits can shrink) and no less time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompareOptions, SnapshotComparison } from './diff';
import type { SnapshotSummary } from './summary';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

export interface WorkerRunOptions {
  onProgress?: (message: string, fraction: number) => void;
  signal?: AbortSignal;
  /** Caps the worker's JS heap (MB): a clear error instead of exhausting the machine. */
  maxHeapMb?: number;
}

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

function runJob(request: WorkerRequest, options: WorkerRunOptions): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new SnapshotCancelledError('Cancelled.'));
    const worker = startWorker(options.maxHeapMb);
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
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
      finish(() => reject(new SnapshotAnalysisError(oom ? 'The snapshot is too large for the memory allowed to the analysis.' : `The snapshot analysis failed: ${error.message}`)));
    });
    worker.on('exit', (code) => finish(() => reject(new SnapshotAnalysisError(`The snapshot analysis stopped unexpectedly (exit code ${code}).`))));
    worker.postMessage(request);
  });
}

export async function summarizeSnapshotFile(file: string, options: WorkerRunOptions = {}): Promise<SnapshotSummary> {
  const reply = await runJob({ kind: 'summary', file }, options);
  if (reply.kind !== 'summary') throw new SnapshotAnalysisError('The snapshot worker gave no summary.');
  return reply.summary;
}

export async function compareSnapshotFiles(before: string, after: string, compare: CompareOptions = {}, options: WorkerRunOptions = {}): Promise<SnapshotComparison> {
  const reply = await runJob({ kind: 'compare', before, after, options: compare }, options);
  if (reply.kind !== 'comparison') throw new SnapshotAnalysisError('The snapshot worker gave no comparison.');
  return reply.comparison;
}
