// `leaklens profile --port N [--duration S] [--interval BYTES] [--out FILE.pb.gz] [--count N]`: V8's sampling
// heap profiler on a Node process started with --inspect — the production-safe alternative to a full
// snapshot (a few percent of overhead, no pause proportional to the heap). Each profile is the sampled live
// heap after a forced GC, written as gzipped pprof; with --count, N profiles of one sampling session, each
// covering everything sampled since it started, so `leaklens compare` shows what grew between them.
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectInspector, InspectorError } from '../heap/inspector';
import { formatProfileSummary } from '../heap/pprof/describe';
import { profileFileName, writeProfileFile } from '../heap/pprof/files';
import { decodeHeapProfile } from '../heap/pprof/profile';
import { DEFAULT_SAMPLING_INTERVAL, HeapSampler } from '../heap/sampling/sampler';
import { makeOutputFolder } from '../heap/outputFolder';
import { UsageError, type CliIo } from './io';
import { parseOptions, commandTarget } from './targetOptions';

export const PROFILE_HELP = `Usage: leaklens profile --port N [--host H] [--duration S] [--interval BYTES] [--out FILE] [--count N]
       leaklens profile --pprof URL [--out FILE]

Samples the live heap of a Node process started with --inspect (V8's sampling heap profiler: about one
object per BYTES allocated, with its stack), waits S seconds, forces a GC and writes what is still alive
as a gzipped pprof heap profile (inuse_space, inuse_objects; function, file, line) to FILE (default:
.leaklens/snapshots/<target>-<timestamp>.pb.gz). go tool pprof reads it; leaklens compare compares two.
With --count, writes N profiles S seconds apart from one sampling session (FILE-1, FILE-2, …): each holds
everything sampled since the start that is still alive, so their comparison shows what grew.
Cheaper and safer on a big process than a heap snapshot, which can need ten times the heap in memory.
With --pprof, saves a Go service's heap profile (after a GC) instead.

Options:
  --port N          inspector port (required unless --pprof)
  --host H          inspector host (default 127.0.0.1; loopback only unless --allow-remote)
  --duration S      seconds of sampling before each profile (default 30)
  --interval BYTES  average bytes allocated between two samples (default ${DEFAULT_SAMPLING_INTERVAL})
  --out FILE        where to write the profile
  --count N         how many profiles (default 1)
  --pprof URL       a Go service's net/http/pprof, e.g. http://127.0.0.1:6060
  --allow-remote    allow a non-loopback host
Exit codes: 0 written, 2 failure (Ctrl-C keeps the profiles already written).`;

function wholeNumber(text: string | undefined, fallback: number, name: string, min: number, max: number): number {
  const n = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

export async function runProfile(argv: string[], io: CliIo): Promise<number> {
  const values = parseOptions(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    pprof: { type: 'string' },
    out: { type: 'string' },
    duration: { type: 'string' },
    interval: { type: 'string' },
    count: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(PROFILE_HELP);
    return 0;
  }
  const target = commandTarget(values, io);
  if ('goRun' in target) return target.goRun;
  const { address } = target;
  const duration = Number(values.duration ?? 30);
  if (!(duration >= 0 && duration <= 86_400)) throw new UsageError('--duration must be a number of seconds (0–86400).');
  const interval = wholeNumber(values.interval, DEFAULT_SAMPLING_INTERVAL, '--interval', 128, 64 * 1024 * 1024);
  const count = wholeNumber(values.count, 1, '--count', 1, 100);
  let session;
  try {
    session = await connectInspector(address, { allowRemoteHosts: values['allow-remote'] ?? false });
  } catch (error) {
    io.err(`leaklens profile: ${error instanceof InspectorError ? error.message : String(error)}`);
    return 2;
  }
  const base = values.out
    ? resolve(io.cwd, values.out)
    : join(io.cwd, '.leaklens', 'snapshots', profileFileName(`${address.host}-${address.port}`, new Date()));
  const fileFor = (i: number) => (count === 1 ? base : base.replace(/(\.pb\.gz)?$/, (ext) => `-${i}${ext}`));
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  let sampler: HeapSampler | undefined;
  let file = fileFor(1);
  try {
    makeOutputFolder(dirname(base));
    sampler = await HeapSampler.start(session, interval);
    for (let i = 1; i <= count; i++) {
      io.err(`leaklens profile: sampling for ${duration} s (1 sample per ${interval} bytes allocated)…`);
      await sleep(duration * 1000, undefined, { signal: abort.signal });
      file = fileFor(i);
      const bytes = await sampler.read();
      writeProfileFile(file, bytes);
      io.out(`Wrote ${relative(io.cwd, file) || file} (heap profile, ${bytes.length} bytes).`);
      if (count === 1) io.out(formatProfileSummary(decodeHeapProfile(bytes), 10, io.cwd));
    }
    return 0;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.name === 'AbortError') io.err('leaklens profile: cancelled; the profiles already written are kept.');
    else if (e.code) io.err(`leaklens profile: cannot write ${file}: ${e.code}.`);
    else io.err(`leaklens profile: ${e.message}`);
    return 2;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await sampler?.stop();
    await session.close();
  }
}
