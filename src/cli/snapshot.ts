// `leaklens snapshot --port N [--host H] [--out FILE]`: takes a heap snapshot of a Node process started with
// --inspect, streamed to disk (FILE.partial, renamed when complete).
import { dirname, join, relative, resolve } from 'node:path';
import { connectInspector, InspectorError, isLoopbackHost } from '../heap/inspector';
import { hostAvailableMemory, SNAPSHOT_PEAK_FACTOR, snapshotRisk } from '../heap/snapshot/guard';
import { formatBytes } from '../heap/snapshot/describe';
import { SnapshotTakeError, snapshotFileName, takeHeapSnapshot } from '../heap/snapshot/writer';
import { recordSourceMaps, saveRecordedMaps } from '../sourcemaps/recorded';
import { UsageError, type CliIo } from './io';
import { makeOutputFolder } from '../heap/outputFolder';
import { parseOptions, commandTarget } from './targetOptions';

export const SNAPSHOT_HELP = `Usage: leaklens snapshot --port N [--host H] [--out FILE] [--count N --interval S] [--max-memory MB] [--force]
       leaklens snapshot --pprof URL [--out FILE]

Takes a heap snapshot of a Node process started with --inspect and writes it to FILE
(default: .leaklens/snapshots/<target>-<timestamp>.heapsnapshot). The file appears only when complete.
With --count, takes N snapshots S seconds apart in one inspector session (FILE-1, FILE-2, …): V8 keeps
object ids only within a session, and leaklens compare needs them to tell growth from replacement.
With --pprof, saves a Go service's heap profile (after a GC) as .pb.gz and lists its top allocation sites.
Before a snapshot, the memory it will cost the target (about ${SNAPSHOT_PEAK_FACTOR}× its used heap) is checked
against --max-memory and, for a local target, the host's available memory; when it may not fit, nothing is
taken and leaklens profile (a sampled heap profile) is suggested.

Options:
  --port N        inspector port (required)
  --host H        inspector host (default 127.0.0.1; loopback only unless --allow-remote)
  --pprof URL     a Go service's net/http/pprof, e.g. http://127.0.0.1:6060
  --out FILE      where to write the snapshot
  --count N       how many snapshots (default 1)
  --interval S    seconds between them (default 10)
  --allow-remote  allow a non-loopback host
  --max-memory MB the memory the target may use in all (e.g. its container's limit)
  --force         take the snapshot even when it may not fit
Exit codes: 0 written, 2 failure (nothing is left behind).`;

export async function runSnapshot(argv: string[], io: CliIo): Promise<number> {
  const values = parseOptions(argv, {
    port: { type: 'string' },
    pprof: { type: 'string' },
    host: { type: 'string' },
    out: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    count: { type: 'string' },
    interval: { type: 'string' },
    'max-memory': { type: 'string' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(SNAPSHOT_HELP);
    return 0;
  }
  const target = commandTarget(values, io);
  if ('goRun' in target) return target.goRun;
  const { address } = target;
  const count = Number(values.count ?? 1);
  const interval = Number(values.interval ?? 10);
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new UsageError('--count must be a whole number from 1 to 100.');
  if (!(interval >= 0) || interval > 86_400) throw new UsageError('--interval must be a number of seconds (0–86400).');
  const maxMemoryMb = values['max-memory'] === undefined ? undefined : Number(values['max-memory']);
  if (maxMemoryMb !== undefined && !(maxMemoryMb > 0)) throw new UsageError('--max-memory must be a number of megabytes.');
  let session;
  try {
    session = await connectInspector(address, { allowRemoteHosts: values['allow-remote'] ?? false });
  } catch (error) {
    io.err(`leaklens snapshot: ${error instanceof InspectorError ? error.message : String(error)}`);
    return 2;
  }
  if (!values.force) {
    const risk = await snapshotRisk(session, {
      limitBytes: maxMemoryMb && maxMemoryMb * 1024 * 1024,
      hostAvailableBytes: isLoopbackHost(address.host) ? hostAvailableMemory() : undefined,
    }).catch(() => undefined);
    if (risk && !risk.fits) {
      await session.close();
      io.err(
        `leaklens snapshot: ${risk.message}\nTake one with: leaklens profile --port ${address.port}${values.host ? ` --host ${values.host}` : ''} (or add --force to take the snapshot anyway).`,
      );
      return 2;
    }
  }
  const base = values.out
    ? resolve(io.cwd, values.out)
    : join(io.cwd, '.leaklens', 'snapshots', snapshotFileName(session.target.title || session.target.url, new Date()));
  const fileFor = (i: number) => (count === 1 ? base : base.replace(/(\.heapsnapshot)?$/, (ext) => `-${i}${ext}`));
  // SIGINT cancels: the partial file is removed before exiting.
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  let file = fileFor(1);
  try {
    makeOutputFolder(dirname(base));
    for (let i = 1; i <= count; i++) {
      if (i > 1) await pause(interval * 1000, abort.signal);
      file = fileFor(i);
      // Maps of in-memory transpilers (tsx, ts-node) exist only in the process: saved beside the snapshot.
      const maps = await recordSourceMaps(session);
      let lastPercent = -1;
      const bytes = await takeHeapSnapshot(session, file, {
        signal: abort.signal,
        onProgress: (done, total) => {
          const percent = Math.floor((100 * done) / Math.max(total, 1));
          if (percent >= lastPercent + 10) {
            lastPercent = percent;
            io.err(`leaklens snapshot: walking the heap ${percent}%`);
          }
        },
      });
      saveRecordedMaps(file, maps);
      io.out(`Wrote ${relative(io.cwd, file) || file} (${formatBytes(bytes)}).`);
    }
    return 0;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    io.err(
      `leaklens snapshot: ${error instanceof SnapshotTakeError ? error.message : `cannot create ${dirname(file)}: ${e.code ?? e.message}`}`,
    );
    return 2;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await session.close();
  }
}

/** Waits between snapshots; Ctrl-C ends the wait as a cancellation. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () =>
      reject(new SnapshotTakeError('cancelled', 'Cancelled between snapshots; the snapshots already written are kept.'));
    if (signal.aborted) return cancelled();
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      cancelled();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
