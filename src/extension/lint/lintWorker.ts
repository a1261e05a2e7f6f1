// Extension-host side of src/analysis/scanWorker.ts: one worker thread, requests matched by id, every
// wait bounded by an inactivity timeout, and stop() (used for cancellation) failing whatever is pending.
import { Worker } from 'node:worker_threads';
import type { FileChangedMessage, ForgetMessage, WorkerRequest, WorkerResponse } from '../../analysis/scanWorker';
import type { FileResult } from '../../findings/model';
import type { LintConfig } from '../../analysis/lintConfig';

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  onResponse(response: WorkerResponse): void;
  fail(error: Error): void;
}

export interface FilesCallbacks {
  onResult(result: FileResult): void;
  onFailed(file: string, message: string): void;
}

export class LintWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** `execArgv` lets tests run the TypeScript entry through tsx; the bundle needs none. */
  constructor(
    private readonly script: string,
    private readonly execArgv: string[] = [],
  ) {}

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { execArgv: this.execArgv });
    worker.on('message', (response: WorkerResponse) => this.pending.get(response.id)?.onResponse(response));
    // Events of a worker already replaced must not stop its successor.
    worker.on('error', (error) => {
      if (this.worker === worker) this.stop(new Error(`LeakLens worker crashed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`LeakLens worker exited unexpectedly (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  /** Ends the thread and rejects every pending request with `reason`; the next request starts a new thread. */
  stop(reason: Error = new Error('LeakLens worker stopped')): void {
    const worker = this.worker;
    this.worker = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.fail(reason);
    void worker?.terminate();
  }

  /** Sends one request; resolves on its `done`. `timeoutMs` bounds the silence between two answers. */
  private send(request: Request, what: () => string, timeoutMs: number, onResponse: (r: WorkerResponse) => void): Promise<void> {
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout>;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () => this.stop(new Error(`LeakLens worker gave no answer within ${timeoutMs / 1000} s while ${what()}`)),
          timeoutMs,
        );
      };
      this.pending.set(id, {
        onResponse: (response) => {
          if (response.kind === 'done') {
            clearTimeout(timer);
            this.pending.delete(id);
            resolve();
            return;
          }
          arm();
          onResponse(response);
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      arm();
      worker.postMessage({ ...request, id });
    });
  }

  /**
   * Lints the current `text` of the open document `key`; the worker keeps its tree for the next version. With
   * `root`, inside the project of that folder (which the worker reads once and keeps; see `fileChanged`).
   */
  async lintText(key: string, file: string, text: string, config: LintConfig, timeoutMs: number, root?: string): Promise<FileResult> {
    let result: FileResult | undefined;
    let failure: string | undefined;
    await this.send(
      { kind: 'text', key, file, text, config, root },
      () => `linting ${file}`,
      timeoutMs,
      (r) => {
        if (r.kind === 'result') result = r.result;
        else if (r.kind === 'failed') failure = r.message;
      },
    );
    if (!result) throw new Error(`LeakLens could not lint ${file}: ${failure ?? 'no result from the worker'}`);
    return result;
  }

  /**
   * The document `key` (on disk: `file`) was closed: its tree can go, and projects read the file from disk
   * again (a no-op when no thread runs, since a new one starts empty).
   */
  forget(key: string, file?: string): void {
    this.worker?.postMessage({ kind: 'forget', key, file } satisfies ForgetMessage);
  }

  /** A file changed or went away on disk: the projects the worker keeps read it again. */
  fileChanged(file: string, deleted: boolean): void {
    this.worker?.postMessage({ kind: 'changed', file, deleted } satisfies FileChangedMessage);
  }

  /**
   * Lints `files`, one result each as it comes. With `root`, as one project (calls into other modules followed):
   * a file that handlers elsewhere reach gets a second result, after all the others, that replaces its first.
   */
  lintFiles(files: string[], config: LintConfig, callbacks: FilesCallbacks, timeoutMs: number, root?: string): Promise<void> {
    let last: string | undefined;
    const what = () => (last === undefined ? `linting ${files[0]}` : `linting the file after ${last}`);
    return this.send({ kind: 'files', files, config, root }, what, timeoutMs, (r) => {
      if (r.kind === 'result') {
        last = r.result.file;
        callbacks.onResult(r.result);
      } else if (r.kind === 'failed') {
        last = r.file;
        callbacks.onFailed(r.file, r.message);
      }
    });
  }
}
