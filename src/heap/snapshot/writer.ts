// Takes a heap snapshot over CDP and streams its chunks to `FILE.partial`, renamed to FILE only when
// complete: the caller's memory does not grow with the snapshot, and a failed or cancelled snapshot leaves
// no file behind.
import { createWriteStream, promises as fs } from 'node:fs';
import { onSessionClosed, type CdpSession } from '../cdpSession';

export interface TakeSnapshotOptions {
  /** done/total as V8 reports them while it walks the heap (before the chunks are sent). */
  onProgress?: (done: number, total: number) => void;
  /** Bytes written so far, after each chunk. */
  onBytes?: (bytes: number) => void;
  signal?: AbortSignal;
}

export type SnapshotFailure = 'cancelled' | 'target-gone' | 'write-failed' | 'protocol';

export class SnapshotTakeError extends Error {
  override name = 'SnapshotTakeError';
  constructor(
    readonly reason: SnapshotFailure,
    message: string,
  ) {
    super(message);
  }
}

/** `<target>-<yyyy-mm-ddThh-mm-ss>.heapsnapshot`, safe as a file name on every OS. */
export function snapshotFileName(target: string, when: Date): string {
  const base =
    target
      .replace(/^.*[\\/]/, '')
      .replace(/\.[cm]?[jt]s$/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'node';
  const stamp = when
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/:/g, '-');
  return `${base}-${stamp}.heapsnapshot`;
}

function describeWriteError(error: NodeJS.ErrnoException, file: string): string {
  switch (error.code) {
    case 'ENOSPC':
      return `The disk is full: the snapshot could not be written to ${file}. Free some space or choose another folder.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Cannot write ${file}: the folder is not writable (${error.code}). Choose another output folder.`;
    case 'ENOENT':
      return `Cannot write ${file}: the folder does not exist.`;
    default:
      return `Cannot write ${file}: ${error.code ?? error.message}.`;
  }
}

/**
 * Resolves with the number of bytes written to `file`. After a failure or cancel the target may still be
 * sending chunks on this session: close it before taking another snapshot on it.
 */
export async function takeHeapSnapshot(session: CdpSession, file: string, options: TakeSnapshotOptions = {}): Promise<number> {
  const partial = `${file}.partial`;
  if (options.signal?.aborted) throw new SnapshotTakeError('cancelled', 'The snapshot was cancelled.');
  const out = createWriteStream(partial, { flags: 'w' });
  let bytes = 0;
  let failure: SnapshotTakeError | undefined;
  let fail: (e: SnapshotTakeError) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = (e) => {
      failure ??= e;
      reject(failure);
    };
  });
  failed.catch(() => {}); // observed through the race below
  out.on('error', (error) => fail(new SnapshotTakeError('write-failed', describeWriteError(error, file))));
  const onAbort = (): void => fail(new SnapshotTakeError('cancelled', 'The snapshot was cancelled; no file was kept.'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Not `session.closed.then(...)`: a pooled session lives across snapshots, and a continuation per
  // snapshot on its `closed` promise could never be removed (each would keep this call's closure alive).
  const stopWatchingClose = onSessionClosed(session, () =>
    fail(
      new SnapshotTakeError(
        'target-gone',
        'The target went away (the process exited or the connection dropped) before the snapshot was complete; no file was kept.',
      ),
    ),
  );
  const unsubscribe = [
    session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }: { chunk: string }) => {
      if (failure) return;
      bytes += Buffer.byteLength(chunk);
      out.write(chunk);
      options.onBytes?.(bytes);
    }),
    session.on('HeapProfiler.reportHeapSnapshotProgress', ({ done, total }: { done: number; total: number }) =>
      options.onProgress?.(done, total),
    ),
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      failed.catch(reject);
    });
    await Promise.race([
      session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true }).catch(async (error: Error) => {
        // A dropped connection rejects the call and settles `closed` at about the same time: prefer that reason.
        await closedWithin(session, 200);
        throw failure ?? new SnapshotTakeError('protocol', `The target refused the snapshot: ${error.message}`);
      }),
      failed,
    ]);
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
    if (bytes === 0) throw new SnapshotTakeError('protocol', 'The target sent an empty snapshot.');
    await fs.rename(partial, file).catch((error: NodeJS.ErrnoException) => {
      throw new SnapshotTakeError('write-failed', describeWriteError(error, file));
    });
    return bytes;
  } catch (error) {
    out.destroy();
    await fs.rm(partial, { force: true }).catch(() => {});
    throw error instanceof SnapshotTakeError
      ? error
      : new SnapshotTakeError('protocol', `The snapshot failed: ${(error as Error).message}`);
  } finally {
    for (const off of unsubscribe) off();
    stopWatchingClose();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Resolves when `session` closes or after `ms`, whichever comes first, leaving nothing attached to the session. */
function closedWithin(session: CdpSession, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const stop = onSessionClosed(session, done);
    function done(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}
