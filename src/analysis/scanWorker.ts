// Worker-thread entry: lints document texts and whole file lists off the extension host's thread.
// Results stream back one file at a time, so a scan shows progress and can be cancelled by terminating
// the worker; the files are read here, never all held at once. Open documents keep their syntax trees
// here between versions (incremental re-lint) until the extension says they closed.
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { IncrementalLinter } from './incremental';
import { lintFile, prepareEngines } from './lintFile';
import type { FileResult } from '../findings/model';
import type { LintConfig } from './lintConfig';

export type WorkerRequest =
  | { id: number; kind: 'text'; key: string; file: string; text: string; config: LintConfig }
  | { id: number; kind: 'files'; files: string[]; config: LintConfig };

/** Sent without an id and never answered: the document `key` was closed, its tree can go. */
export interface ForgetMessage {
  kind: 'forget';
  key: string;
}

export type WorkerResponse =
  | { id: number; kind: 'result'; result: FileResult }
  | { id: number; kind: 'failed'; file: string; message: string }
  | { id: number; kind: 'done' };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** lintFile's guards (size, binary, encoding), after one of our own: a FIFO or device named .js would block the read for ever. */
function lintRegularFile(file: string, config: LintConfig): FileResult {
  let regular = true;
  try {
    regular = statSync(file).isFile();
  } catch {
    // lintFile reports the unreadable file itself.
  }
  return regular ? lintFile(file, config) : { file, findings: [], notice: { kind: 'unreadable', message: 'skipped: not a regular file' } };
}

function isRequest(value: unknown): value is WorkerRequest {
  const r = value as Partial<Record<string, unknown>> | null;
  if (typeof r !== 'object' || r === null || typeof r.id !== 'number' || typeof r.config !== 'object' || r.config === null) return false;
  if (r.kind === 'text') return typeof r.key === 'string' && typeof r.file === 'string' && typeof r.text === 'string';
  return r.kind === 'files' && Array.isArray(r.files) && r.files.every((f) => typeof f === 'string');
}

const documents = new IncrementalLinter();

async function handle(request: WorkerRequest, post: (response: WorkerResponse) => void): Promise<void> {
  const { id } = request;
  const files = request.kind === 'text' ? [request.file] : request.files;
  // A grammar that cannot load is each Go file's notice (the Go engine says why), not the end of the request.
  await prepareEngines(files).catch(() => undefined);
  for (const file of files) {
    try {
      const result =
        request.kind === 'text' ? documents.lint(request.key, file, request.text, request.config) : lintRegularFile(file, request.config);
      post({ id, kind: 'result', result });
    } catch (error) {
      // lintText promises never to throw; if it does, the rest of the scan still runs.
      post({ id, kind: 'failed', file, message: `internal error: ${message(error)}` });
    }
  }
  post({ id, kind: 'done' });
}

const port = parentPort;
if (port) {
  // Requests run one after another (a text lint sent during a scan waits for it), also across the Go grammar's load.
  let queue = Promise.resolve();
  port.on('message', (value: unknown) => {
    if ((value as Partial<ForgetMessage> | null)?.kind === 'forget' && typeof (value as ForgetMessage).key === 'string') {
      queue = queue.then(() => documents.forget((value as ForgetMessage).key));
      return;
    }
    if (!isRequest(value)) {
      const id = typeof (value as { id?: unknown } | null)?.id === 'number' ? (value as { id: number }).id : -1;
      port.postMessage({ id, kind: 'failed', file: '', message: 'malformed request to the LeakLens worker' } satisfies WorkerResponse);
      port.postMessage({ id, kind: 'done' } satisfies WorkerResponse);
      return;
    }
    queue = queue.then(() => handle(value, (r) => port.postMessage(r)));
  });
}
