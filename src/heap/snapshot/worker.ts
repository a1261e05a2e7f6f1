// Worker thread entry: parses snapshots off the caller's thread and posts back only the small results.
import { parentPort } from 'node:worker_threads';
import { SnapshotAnalysis } from './analysis';
import { baselineOf, compareSnapshots } from './diff';
import { SnapshotFormatError, type RawSnapshot } from './graph';
import { idSetBuffers } from './idSet';
import { summarize } from './summary';
import { parseSnapshotFile } from './tokenizer';
import type { Baseline } from './diff';
import type { BaselineMessage, WorkerReply, WorkerRequest } from './workerProtocol';

function post(reply: WorkerReply): void {
  parentPort!.postMessage(reply);
}

function readFile(file: string, label: string, from: number, to: number): RawSnapshot {
  let lastFraction = -1;
  const raw = parseSnapshotFile(file, ({ bytesRead, totalBytes }) => {
    const fraction = from + ((to - from) * 0.8 * bytesRead) / Math.max(totalBytes, 1);
    if (fraction - lastFraction >= 0.01) {
      lastFraction = fraction;
      post({ kind: 'progress', message: `Reading ${label}`, fraction });
    }
  });
  post({ kind: 'progress', message: `Computing retained sizes of ${label}`, fraction: from + (to - from) * 0.8 });
  return raw;
}

const analyzeFile = (file: string, label: string, from: number, to: number) => new SnapshotAnalysis(readFile(file, label, from, to));

async function run(request: WorkerRequest, baseline: Promise<Baseline>): Promise<void> {
  if (request.kind === 'baseline') {
    const first = baselineOf(analyzeFile(request.file, 'the first snapshot', 0, 1));
    parentPort!.postMessage({ kind: 'baseline', baseline: first } satisfies WorkerReply, idSetBuffers(first.ids));
  } else if (request.kind === 'compare-with-baseline') {
    const raw = readFile(request.file, 'the second snapshot', 0, 0.9);
    const before = request.analyseAfterBaseline ? await baseline : undefined;
    const after = new SnapshotAnalysis(raw);
    post({ kind: 'progress', message: 'Comparing', fraction: 0.9 });
    post({ kind: 'comparison', comparison: compareSnapshots(before ?? (await baseline), after, request.options) });
  } else {
    const analysis = analyzeFile(request.file, 'the snapshot', 0, 0.9);
    post({ kind: 'progress', message: 'Summarising', fraction: 0.9 });
    post({ kind: 'summary', summary: summarize(analysis) });
  }
}

// Listening from the start: the baseline of a parallel comparison may arrive while this thread is busy.
const baseline = new Promise<Baseline>((resolve) =>
  parentPort!.on('message', (m: WorkerRequest | BaselineMessage) => m.kind === 'baseline' && 'baseline' in m && resolve(m.baseline)),
);
parentPort!.once('message', (request: WorkerRequest) => {
  run(request, baseline).catch((error: unknown) => {
    const e = error as NodeJS.ErrnoException;
    const message =
      error instanceof SnapshotFormatError
        ? error.message
        : e.code === 'ENOENT'
          ? `No such file: ${e.path}.`
          : e.code
            ? `Cannot read ${e.path ?? 'the snapshot'}: ${e.code}.`
            : `The snapshot could not be analysed: ${e.message}`;
    post({ kind: 'error', message });
  });
});
