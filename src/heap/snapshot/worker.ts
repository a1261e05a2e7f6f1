// Worker thread entry: parses snapshots off the caller's thread and posts back only the small results.
import { parentPort } from 'node:worker_threads';
import { runSnapshotJob } from './job';
import type { WorkerRequest } from './workerProtocol';

parentPort!.once('message', (request: WorkerRequest) => runSnapshotJob(request, (reply) => parentPort!.postMessage(reply)));
