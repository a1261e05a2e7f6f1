// Worker thread entry: parses snapshots off the caller's thread and posts back only the small results.
import { parentPort } from 'node:worker_threads';
import { SnapshotAnalysis } from './analysis';
import { baselineOf, compareSnapshots } from './diff';
import { idSetBuffers } from './idSet';
import { summarize } from './summary';
import { analyzeSnapshot, failureMessage, readSnapshot } from './phases';
import type { Baseline } from './diff';
import { baselineMessage, baselineOfMessage, type BaselineMessage, type WorkerReply, type WorkerRequest } from './workerProtocol';

function post(reply: WorkerReply): void {
  parentPort!.postMessage(reply);
}

const progress = (message: string, fraction: number) => post({ kind: 'progress', message, fraction });

async function run(request: WorkerRequest, baseline: Promise<Baseline>): Promise<void> {
  if (request.kind === 'baseline') {
    const reply = baselineMessage(baselineOf(analyzeSnapshot(request.file, 'the first snapshot', 0, 1, progress)));
    parentPort!.postMessage(reply satisfies WorkerReply, [reply.serialized.buffer as ArrayBuffer, ...idSetBuffers(reply.ids)]);
  } else if (request.kind === 'compare-with-baseline') {
    const raw = readSnapshot(request.file, 'the second snapshot', 0, 0.9, progress);
    const before = request.analyseAfterBaseline ? await baseline : undefined;
    const after = new SnapshotAnalysis(raw);
    post({ kind: 'progress', message: 'Comparing', fraction: 0.9 });
    post({ kind: 'comparison', comparison: compareSnapshots(before ?? (await baseline), after, request.options) });
  } else {
    const analysis = analyzeSnapshot(request.file, 'the snapshot', 0, 0.9, progress);
    post({ kind: 'progress', message: 'Summarising', fraction: 0.9 });
    post({ kind: 'summary', summary: summarize(analysis) });
  }
}

// Listening from the start: the baseline of a parallel comparison may arrive while this thread is busy.
const baseline = new Promise<Baseline>((resolve) =>
  parentPort!.on(
    'message',
    (m: WorkerRequest | BaselineMessage) => m.kind === 'baseline' && 'serialized' in m && resolve(baselineOfMessage(m)),
  ),
);
parentPort!.once('message', (request: WorkerRequest) => {
  run(request, baseline).catch((error: unknown) => post({ kind: 'error', message: failureMessage(error) }));
});
